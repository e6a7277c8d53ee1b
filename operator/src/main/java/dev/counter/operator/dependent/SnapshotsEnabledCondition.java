package dev.counter.operator.dependent;

import dev.counter.operator.workload.Backends;

/** Snapshots of the operator-run etcd cluster are on. */
public class SnapshotsEnabledCondition extends SpecCondition {

    public SnapshotsEnabledCondition() {
        super(Backends::snapshotsEnabled);
    }
}
