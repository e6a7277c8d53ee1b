package dev.counter.operator.dependent;

import dev.counter.operator.workload.Backends;

/** The operator-run Redis keeps its append-only file on a claim. */
public class RedisPersistenceCondition extends SpecCondition {

    public RedisPersistenceCondition() {
        super(Backends::redisPersistence);
    }
}
