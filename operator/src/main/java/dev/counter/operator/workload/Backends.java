package dev.counter.operator.workload;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.SnapshotsSpec;
import java.util.Objects;

/**
 * Which stores the spec asks the operator to run. Absent sections mean their defaults: {@code
 * backend: etcd} without an {@code etcd} section is a managed three-member cluster.
 */
public final class Backends {

    private Backends() {}

    public static RedisSpec redis(CounterAppSpec spec) {
        return Objects.requireNonNullElseGet(spec.getRedis(), RedisSpec::new);
    }

    public static EtcdSpec etcd(CounterAppSpec spec) {
        return Objects.requireNonNullElseGet(spec.getEtcd(), EtcdSpec::new);
    }

    public static SnapshotsSpec snapshots(CounterAppSpec spec) {
        return Objects.requireNonNullElseGet(etcd(spec).getSnapshots(), SnapshotsSpec::new);
    }

    /** Redis or etcd: a store the counter pods share, which can lose the counter under them. */
    public static boolean shared(CounterAppSpec spec) {
        return spec.getBackend() == Backend.REDIS || spec.getBackend() == Backend.ETCD;
    }

    /** Backend redis without a URL: the operator runs Redis. */
    public static boolean managedRedis(CounterAppSpec spec) {
        return spec.getBackend() == Backend.REDIS && isBlank(redis(spec).getUrl());
    }

    public static boolean externalRedis(CounterAppSpec spec) {
        return spec.getBackend() == Backend.REDIS && !isBlank(redis(spec).getUrl());
    }

    public static boolean redisPersistence(CounterAppSpec spec) {
        var persistence = redis(spec).getPersistence();
        return managedRedis(spec)
                && (persistence == null || !Boolean.FALSE.equals(persistence.getEnabled()));
    }

    /** Backend etcd without endpoints: the operator runs the cluster. */
    public static boolean managedEtcd(CounterAppSpec spec) {
        var endpoints = etcd(spec).getEndpoints();
        return spec.getBackend() == Backend.ETCD && (endpoints == null || endpoints.isEmpty());
    }

    /** The cluster the operator runs, with mutual TLS from certificates the operator makes. */
    public static boolean managedEtcdTls(CounterAppSpec spec) {
        return managedEtcd(spec) && etcd(spec).getTls() != null;
    }

    public static boolean externalEtcd(CounterAppSpec spec) {
        return spec.getBackend() == Backend.ETCD && !managedEtcd(spec);
    }

    /** Snapshots exist only for a cluster the operator runs. */
    public static boolean snapshotsEnabled(CounterAppSpec spec) {
        return managedEtcd(spec) && Boolean.TRUE.equals(snapshots(spec).getEnabled());
    }

    /** Snapshots without an external NFS export: the operator runs an NFS server. */
    public static boolean bundledNfs(CounterAppSpec spec) {
        return snapshotsEnabled(spec) && snapshots(spec).getNfs() == null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
