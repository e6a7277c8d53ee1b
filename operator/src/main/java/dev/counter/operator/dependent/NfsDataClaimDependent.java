package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import dev.counter.operator.workload.PersistentClaims;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The bundled NFS server's own volume, where the snapshot files end up. Owned by the CounterApp:
 * disabling snapshots or deleting the CounterApp deletes it with the snapshots (keep snapshots that
 * must outlive the CounterApp on an external NFS export).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.NFS_SERVER_SELECTOR))
public class NfsDataClaimDependent extends CounterAppDependent<PersistentVolumeClaim> {

    public NfsDataClaimDependent() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.nfsData(app);
    }

    @Override
    protected PersistentVolumeClaim desired(CounterApp app, Context<CounterApp> context) {
        return new PersistentVolumeClaimBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.NFS_SERVER))
                .withSpec(
                        PersistentClaims.provisioned(
                                Backends.snapshots(app.getSpec()).getStorage()))
                .build();
    }
}
