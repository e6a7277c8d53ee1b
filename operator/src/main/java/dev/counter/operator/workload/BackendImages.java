package dev.counter.operator.workload;

import dev.counter.operator.model.EtcdSpec;

/**
 * Images of the stores the operator runs, pinned to exact tags: a moving tag would change what runs
 * with every node's next pull, and an operator upgrade is the only moment that should happen.
 */
public final class BackendImages {

    public static final String REDIS = "redis:7.2.5";

    /** The etcd project's own 3.5 image: distroless, so it has etcd and etcdctl but no shell. */
    public static final String ETCD = "quay.io/coreos/etcd:v" + EtcdSpec.DEFAULT_VERSION;

    /** The image of {@code etcd.version}: the same repository, the version as its tag. */
    public static String etcd(EtcdSpec spec) {
        String version = spec == null ? null : spec.getVersion();
        return "quay.io/coreos/etcd:v" + (version == null ? EtcdSpec.DEFAULT_VERSION : version);
    }

    /** The NFS server of Kubernetes' own examples and e2e tests; exports /exports over NFSv4. */
    public static final String NFS_SERVER = "registry.k8s.io/volume-nfs:0.8";

    /** Statically linked, so its binary also runs inside the distroless etcd image. */
    public static final String BUSYBOX = "busybox:1.36.1-musl";

    private BackendImages() {}
}
