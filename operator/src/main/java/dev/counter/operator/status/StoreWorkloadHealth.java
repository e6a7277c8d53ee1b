package dev.counter.operator.status;

import dev.counter.operator.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The managed Redis and etcd, when their StatefulSet cannot create pods: the counter has no store,
 * whatever the counter Deployment looks like.
 */
final class StoreWorkloadHealth {

    private StoreWorkloadHealth() {}

    /** Degraded=True with the StatefulSet controller's own message; empty while pods can be made. */
    static Optional<Condition> degraded(Stores stores) {
        return Stream.of(describe("Redis", stores.redis(), stores), describe("etcd", stores.etcd(), stores))
                .flatMap(Optional::stream)
                .findFirst()
                .map(message -> new Condition(ConditionTypes.DEGRADED, true, Reasons.REPLICA_FAILURE, message));
    }

    private static Optional<String> describe(
            String store, Optional<StatefulSet> statefulSet, Stores stores) {
        return statefulSet.flatMap(
                s -> {
                    String name = s.getMetadata().getName();
                    return Optional.ofNullable(stores.podCreationFailures().get(name))
                            .map(failure -> "the " + store + " StatefulSet " + name + " cannot create pods: " + failure);
                });
    }
}
