package dev.counter.operator.status;

/** Reasons of the conditions, apart from validation reasons, which come from the failed check. */
public final class Reasons {

    public static final String SPEC_VALID = "SpecValid";

    public static final String DEPLOYMENT_NOT_FOUND = "DeploymentNotFound";
    public static final String DEPLOYMENT_NOT_OBSERVED = "DeploymentNotObserved";
    public static final String ALL_REPLICAS_READY = "AllReplicasReady";
    public static final String REPLICAS_NOT_READY = "ReplicasNotReady";
    public static final String BACKEND_NOT_READY = "BackendNotReady";

    public static final String ROLLING_OUT = "RollingOut";
    public static final String ROLLOUT_COMPLETE = "RolloutComplete";

    public static final String AS_EXPECTED = "AsExpected";
    public static final String REPLICA_FAILURE = "ReplicaFailure";
    public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    public static final String REPLICAS_UNAVAILABLE = "ReplicasUnavailable";
    public static final String RECONCILE_FAILED = "ReconcileFailed";

    public static final String SNAPSHOTS_SCHEDULED = "Scheduled";
    public static final String WAITING_FOR_NFS_SERVER = "WaitingForNfsServer";
    public static final String SNAPSHOTS_PENDING = "SnapshotsPending";
    public static final String LAST_SNAPSHOT_FAILED = "LastSnapshotFailed";
    public static final String SNAPSHOT_UNVERIFIED = "SnapshotUnverified";
    public static final String NFS_SERVER_FAILED = "NfsServerFailed";
    public static final String SNAPSHOT_STALE = "SnapshotStale";

    public static final String INTACT = "Intact";
    public static final String COUNTER_STATE_LOST = "CounterStateLost";
    public static final String STORED_VALUE_UNUSABLE = "StoredValueUnusable";

    private Reasons() {}
}
