package dev.counter.operator.dependent;

import dev.counter.operator.workload.Backends;

/** Backend etcd without endpoints: the operator runs the cluster. */
public class ManagedEtcdCondition extends SpecCondition {

    public ManagedEtcdCondition() {
        super(Backends::managedEtcd);
    }
}
