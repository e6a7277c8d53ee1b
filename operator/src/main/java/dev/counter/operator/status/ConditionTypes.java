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

    /**
     * Redis and etcd: the counter pods find the counter in the store as they left it; False when
     * the store lost it or holds a value they cannot read. Present once a pod has answered.
     */
    public static final String COUNTER_STATE = "CounterState";

    private ConditionTypes() {}
}
