package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;

/**
 * A namespaced dependent owned by the CounterApp: Kubernetes' garbage collector deletes it with the
 * CounterApp, and the workflow deletes it when its precondition stops holding.
 */
abstract class CounterAppDependent<R extends HasMetadata> extends ReportingDependent<R>
        implements GarbageCollected<CounterApp> {

    CounterAppDependent(Class<R> resourceType) {
        super(resourceType);
    }
}
