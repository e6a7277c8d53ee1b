package dev.counter.operator.status;

/** The condition types of a CounterApp's status. */
public final class ConditionTypes {

    /** Every desired replica is ready. */
    public static final String READY = "Ready";

    /** A rollout is under way. */
    public static final String PROGRESSING = "Progressing";

    /** Pods fail, or the rollout is stuck. */
    public static final String DEGRADED = "Degraded";

    /** The spec obeys every rule; when False, nothing in the cluster is changed. */
    public static final String VALID = "Valid";

    /** etcd snapshots are scheduled and the last one succeeded; present only with snapshots on. */
    public static final String SNAPSHOTS = "Snapshots";

    private ConditionTypes() {}
}
