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
 * The claim the snapshot Job (and restoring etcd members) mount, bound to the snapshot volume by
 * name; ReadWriteMany, since members on different nodes may read it at once.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.ETCD_SNAPSHOT_SELECTOR))
public class SnapshotClaimDependent extends CounterAppDependent<PersistentVolumeClaim> {

    public SnapshotClaimDependent() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.snapshotClaim(app);
    }

    @Override
    protected PersistentVolumeClaim desired(CounterApp app, Context<CounterApp> context) {
        return new PersistentVolumeClaimBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.ETCD_SNAPSHOT))
                .withSpec(
                        PersistentClaims.boundTo(
                                Names.snapshotVolume(app),
                                Backends.snapshots(app.getSpec()).getStorage(),
                                PersistentClaims.READ_WRITE_MANY))
                .build();
    }
}
