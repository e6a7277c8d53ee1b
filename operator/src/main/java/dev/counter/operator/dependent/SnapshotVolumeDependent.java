package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import dev.counter.operator.workload.PersistentClaims;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Map;
import java.util.Objects;

/**
 * The NFS PersistentVolume of the snapshots, pre-bound to the snapshot claim. Cluster-scoped, so it
 * cannot be owned by the (namespaced) CounterApp: this dependent is not garbage-collected, which
 * makes JOSDK put a finalizer on CounterApps and delete the volume when one is deleted. {@code
 * Retain}: deleting the volume never touches the files on the export.
 *
 * <p>Its reconcile precondition ({@link SnapshotVolumeCondition}) holds only once the export is
 * known, i.e. after the bundled NFS Service has its cluster IP, and only while an existing volume
 * points at that export (a volume's source cannot change, so a new export replaces the volume).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        labelSelector = Labels.ETCD_SNAPSHOT_SELECTOR,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class SnapshotVolumeDependent extends ReportingDependent<PersistentVolume> {

    public SnapshotVolumeDependent() {
        super(PersistentVolume.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.snapshotVolume(app);
    }

    @Override
    protected String namespace(CounterApp app) {
        return null;
    }

    @Override
    protected PersistentVolume desired(CounterApp app, Context<CounterApp> context) {
        NfsExport export =
                NfsExport.wanted(app, context)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "the snapshot volume's precondition guarantees a"
                                                    + " known NFS export"));
        return new PersistentVolumeBuilder()
                .withMetadata(OwnedMetadata.clusterScoped(app, name(app), Part.ETCD_SNAPSHOT))
                .withNewSpec()
                .withCapacity(
                        Map.of(
                                "storage",
                                PersistentClaims.size(
                                        Backends.snapshots(app.getSpec()).getStorage())))
                .withAccessModes(PersistentClaims.READ_WRITE_MANY)
                .withPersistentVolumeReclaimPolicy("Retain")
                // no storageClassName: on a volume, unset already means "no class", and the API
                // server drops an empty one, which SSA would then see as a difference to apply
                // on every reconcile
                .withClaimRef(claimRef(app, context))
                .withNewNfs()
                .withServer(export.server())
                .withPath(export.path())
                .endNfs()
                .endSpec()
                .build();
    }

    /**
     * The snapshot claim; once the volume is bound to it, the PV controller's {@code claimRef} as it
     * is (an atomic map, with the claim's uid and resourceVersion). Applying ours without the uid
     * would unbind the volume, and leaving claimRef out would delete it: the PV controller takes
     * the atomic field over when it binds, so one apply after binding shares its ownership, and
     * from then on the SSA matcher sees no difference (the real control plane of the e2e suite
     * showed both failure modes).
     */
    private ObjectReference claimRef(CounterApp app, Context<CounterApp> context) {
        ObjectReference ours =
                new ObjectReferenceBuilder()
                        .withNamespace(app.getMetadata().getNamespace())
                        .withName(Names.snapshotClaim(app))
                        .build();
        return getSecondaryResource(app, context)
                .filter(pv -> refersToOurClaim(pv, ours))
                .map(pv -> pv.getSpec().getClaimRef())
                .orElse(ours);
    }

    private static boolean refersToOurClaim(PersistentVolume pv, ObjectReference ours) {
        ObjectReference bound = pv.getSpec() == null ? null : pv.getSpec().getClaimRef();
        return bound != null
                && Objects.equals(bound.getNamespace(), ours.getNamespace())
                && Objects.equals(bound.getName(), ours.getName());
    }
}
