package dev.counter.operator.dependent;

import dev.counter.operator.events.EventRecorder;
import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Base of every dependent: subclasses name the object and build its desired state; this class tells
 * the user, through Events, what the operator created, changed or removed.
 */
abstract class ReportingDependent<R extends HasMetadata>
        extends KubernetesDependentResource<R, CounterApp>
        implements Creator<R, CounterApp>, Updater<R, CounterApp>, Deleter<CounterApp> {

    ReportingDependent(Class<R> resourceType) {
        super(resourceType);
    }

    /** The object's name, which depends on the CounterApp's name only. */
    protected abstract String name(CounterApp app);

    /** The object's namespace; {@code null} for a cluster-scoped kind. */
    protected String namespace(CounterApp app) {
        return app.getMetadata().getNamespace();
    }

    /**
     * Finds the actual object by name alone. JOSDK's default computes the desired state for that,
     * which a dependent about to be deleted may no longer be able to build (its part of the spec is
     * gone).
     */
    @Override
    protected ResourceID targetSecondaryResourceID(CounterApp app, Context<CounterApp> context) {
        return new ResourceID(name(app), namespace(app));
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
