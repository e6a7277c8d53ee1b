package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;

/** Names of the objects made for a CounterApp, so every dependent and test agrees on them. */
public final class Names {

    private Names() {}

    /** Deployment, Service and Ingress share the CounterApp's name: they are one application. */
    public static String workload(CounterApp app) {
        return app.getMetadata().getName();
    }

    public static String configMap(CounterApp app) {
        return app.getMetadata().getName() + "-config";
    }

    /** StatefulSet, Service and password Secret of the Redis the operator runs. */
    public static String redis(CounterApp app) {
        return app.getMetadata().getName() + "-redis";
    }

    public static String redisData(CounterApp app) {
        return app.getMetadata().getName() + "-redis-data";
    }

    /** StatefulSet, client Service and PodDisruptionBudget of the etcd cluster. */
    public static String etcd(CounterApp app) {
        return app.getMetadata().getName() + "-etcd";
    }

    /** The headless Service that gives each etcd member a stable DNS name for its peers. */
    /** How each etcd member starts: bootstrap list, bootstrapped flag and join entries. */
    public static String etcdMembers(CounterApp app) {
        return app.getMetadata().getName() + "-etcd-members";
    }

    public static String etcdPeers(CounterApp app) {
        return app.getMetadata().getName() + "-etcd-peers";
    }

    /** Deployment and Service of the bundled NFS server. */
    public static String nfsServer(CounterApp app) {
        return app.getMetadata().getName() + "-nfs";
    }

    public static String nfsData(CounterApp app) {
        return app.getMetadata().getName() + "-nfs-data";
    }

    /**
     * The snapshot PersistentVolume. PersistentVolumes are cluster-scoped, so the namespace is part
     * of the name.
     */
    public static String snapshotVolume(CounterApp app) {
        return app.getMetadata().getNamespace()
                + "-"
                + app.getMetadata().getName()
                + "-etcd-snapshots";
    }

    public static String snapshotClaim(CounterApp app) {
        return app.getMetadata().getName() + "-etcd-snapshots";
    }

    /** The CronJob; its Jobs, and so its snapshot files, are named after it. */
    public static String snapshotCronJob(CounterApp app) {
        return app.getMetadata().getName() + "-etcd-snapshot";
    }
}
