package dev.counter.operator.status;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Patches the status subresource and puts the result in JOSDK's cache, so the next reconcile sees
 * the status just written instead of a stale copy (which would cause a second, identical patch).
 */
public final class StatusWriter {

    private StatusWriter() {}

    public static void write(CounterApp app, CounterAppStatus status, Context<CounterApp> context) {
        boolean ssa =
                context.getControllerConfiguration()
                        .getConfigurationService()
                        .useSSAToPatchPrimaryResource();
        if (ssa) {
            // Apply only the status: an applied object states every field the manager owns.
            var fresh = new CounterApp();
            fresh.setMetadata(
                    new ObjectMetaBuilder()
                            .withName(app.getMetadata().getName())
                            .withNamespace(app.getMetadata().getNamespace())
                            .build());
            fresh.setStatus(status);
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(app, fresh, context);
        } else {
            PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
                    app,
                    context,
                    current -> {
                        current.setStatus(status);
                        return current;
                    });
        }
    }
}
