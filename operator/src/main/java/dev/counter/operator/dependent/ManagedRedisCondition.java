package dev.counter.operator.dependent;

import dev.counter.operator.workload.Backends;

/** Backend redis without a URL: the operator runs Redis. */
public class ManagedRedisCondition extends SpecCondition {

    public ManagedRedisCondition() {
        super(Backends::managedRedis);
    }
}
