package dev.counter.operator.model;

/** A one-word summary of the conditions, for {@code kubectl get}. */
public enum Phase {
    /** The workload has not been created or not yet looked at by the Deployment controller. */
    Pending,
    /** A rollout is under way. */
    Progressing,
    /** Every desired replica is ready. */
    Ready,
    /** Pods fail or the rollout is stuck. */
    Degraded,
    /** The spec breaks a rule; the last good workload keeps running unchanged. */
    Invalid
}
