package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Backends;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Optional;

/**
 * Reconcile precondition of the snapshot volume: snapshots are on, the NFS export is known (the
 * bundled NFS Service has a cluster IP), and an existing volume points at that export.
 *
 * <p>This is the "NFS Service first, then the volume" ordering. It cannot be a {@code dependsOn} on
 * the NFS Service: with an external export that Service's own precondition fails, and JOSDK deletes
 * everything depending on a dependent whose precondition fails. While it does not hold, the volume
 * and what depends on it (claim, CronJob) are deleted, or not created yet.
 */
public class SnapshotVolumeCondition implements Condition<PersistentVolume, CounterApp> {

    @Override
    public boolean isMet(
            DependentResource<PersistentVolume, CounterApp> dependentResource,
            CounterApp app,
            Context<CounterApp> context) {
        if (!Backends.snapshotsEnabled(app.getSpec())) {
            return false;
        }
        Optional<NfsExport> wanted = NfsExport.wanted(app, context);
        if (wanted.isEmpty()) {
            return false;
        }
        return dependentResource
                .getSecondaryResource(app, context)
                .flatMap(NfsExport::of)
                .map(wanted.get()::equals)
                .orElse(true);
    }
}
