package dev.counter.operator.validation;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Optional;

/**
 * The objects of a CounterApp whose shape cannot change after creation, as the operator's caches
 * hold them.
 *
 * @param etcd the etcd StatefulSet
 */
public record Deployed(Optional<StatefulSet> etcd) {

    public static Deployed nothing() {
        return new Deployed(Optional.empty());
    }
}
