package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.function.Predicate;

/**
 * A reconcile precondition decided by the spec alone. When it stops holding, the workflow deletes
 * the dependent and everything that depends on it: this is how switching the backend removes what
 * the old one needed. (An activation condition would not do: JOSDK deletes nothing whose activation
 * condition is false.)
 */
abstract class SpecCondition implements Condition<Object, CounterApp> {

    private final Predicate<CounterAppSpec> holds;

    SpecCondition(Predicate<CounterAppSpec> holds) {
        this.holds = holds;
    }

    @Override
    public boolean isMet(
            DependentResource<Object, CounterApp> dependentResource,
            CounterApp app,
            Context<CounterApp> context) {
        return holds.test(app.getSpec());
    }
}
