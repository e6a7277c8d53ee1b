package dev.counter.operator.dependent;

import dev.counter.operator.workload.Backends;

/** Snapshots are on and no external NFS export is given: the operator runs an NFS server. */
public class BundledNfsCondition extends SpecCondition {

    public BundledNfsCondition() {
        super(Backends::bundledNfs);
    }
}
