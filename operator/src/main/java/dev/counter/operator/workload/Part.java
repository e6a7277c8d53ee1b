package dev.counter.operator.workload;

/**
 * The parts of a CounterApp's installation, each with its own {@code app.kubernetes.io/name} so
 * that no selector of one part ever matches pods of another.
 */
public enum Part {
    COUNTER(Labels.COUNTER_APP, Labels.SERVER_COMPONENT),
    REDIS(Labels.REDIS, "database"),
    ETCD(Labels.ETCD, "database"),
    NFS_SERVER(Labels.NFS_SERVER, "storage"),
    ETCD_SNAPSHOT(Labels.ETCD_SNAPSHOT, "backup");

    private final String appName;
    private final String component;

    Part(String appName, String component) {
        this.appName = appName;
        this.component = component;
    }

    /** The value of {@code app.kubernetes.io/name}. */
    public String appName() {
        return appName;
    }

    /** The value of {@code app.kubernetes.io/component}. */
    public String component() {
        return component;
    }
}
