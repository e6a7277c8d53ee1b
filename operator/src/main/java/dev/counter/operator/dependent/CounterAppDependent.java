package dev.counter.operator.dependent;

import dev.counter.operator.events.EventRecorder;
import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * Base of the CounterApp's dependents: subclasses only build the desired object; this class tells
 * the user, through Events, what the operator created, changed or removed.
 */
abstract class CounterAppDependent<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, CounterApp> {

  CounterAppDependent(Class<R> resourceType) {
    super(resourceType);
  }

  @Override
  protected void onCreated(CounterApp app, R created, Context<CounterApp> context) {
    super.onCreated(app, created, context);
    events(context).normal(app, "Created", describe("Created", created));
  }

  @Override
  protected void onUpdated(CounterApp app, R updated, R actual, Context<CounterApp> context) {
    super.onUpdated(app, updated, actual, context);
    events(context).normal(app, "Updated", describe("Updated", updated));
  }

  @Override
  protected void handleDelete(CounterApp app, R secondary, Context<CounterApp> context) {
    super.handleDelete(app, secondary, context);
    // JOSDK calls this for a dependent whose precondition fails, whether or not it exists
    if (secondary != null) {
      events(context).normal(app, "Deleted", describe("Deleted", secondary));
    }
  }

  private static EventRecorder events(Context<CounterApp> context) {
    return new EventRecorder(context.getClient());
  }

  private static String describe(String action, HasMetadata resource) {
    return action + " " + resource.getKind() + " " + resource.getMetadata().getName();
  }
}
