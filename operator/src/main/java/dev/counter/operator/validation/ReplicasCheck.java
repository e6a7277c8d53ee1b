package dev.counter.operator.validation;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterAppSpec;
import java.util.List;

/**
 * The memory backend keeps the counter in one pod's memory: two pods would count separately, so it
 * allows at most one replica. Also refuses negative replicas.
 */
final class ReplicasCheck implements SpecCheck {

    static final String MULTI_REPLICA_MEMORY = "MultiReplicaMemory";
    static final String NEGATIVE_REPLICAS = "NegativeReplicas";

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
        if (replicas < 0) {
            return List.of(
                    new Violation(
                            NEGATIVE_REPLICAS,
                            "spec.replicas",
                            "spec.replicas must not be negative: " + replicas));
        }
        if (spec.getBackend() == Backend.MEMORY && replicas > 1) {
            return List.of(
                    new Violation(
                            MULTI_REPLICA_MEMORY,
                            "spec.replicas",
                            CounterAppSpec.MEMORY_REPLICAS_MESSAGE
                                    + " (spec.replicas: "
                                    + replicas
                                    + ")"));
        }
        return List.of();
    }
}
