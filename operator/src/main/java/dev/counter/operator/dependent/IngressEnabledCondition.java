package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Reconcile precondition of the Ingress: when it does not hold, the workflow deletes the Ingress.
 */
public class IngressEnabledCondition implements Condition<Ingress, CounterApp> {

    @Override
    public boolean isMet(
            DependentResource<Ingress, CounterApp> dependentResource,
            CounterApp app,
            Context<CounterApp> context) {
        IngressSpec ingress = app.getSpec().getIngress();
        return ingress != null && Boolean.TRUE.equals(ingress.getEnabled());
    }
}
