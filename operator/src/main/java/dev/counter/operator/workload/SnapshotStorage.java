package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * The snapshot volume (the NFS-backed claim) as the snapshot Job and restoring members mount it.
 */
public final class SnapshotStorage {

    public static final String DIR = "/snapshots";
    static final String VOLUME = "snapshots";

    private SnapshotStorage() {}

    public static Volume volume(CounterApp app, boolean readOnly) {
        return new VolumeBuilder()
                .withName(VOLUME)
                .withNewPersistentVolumeClaim()
                .withClaimName(Names.snapshotClaim(app))
                .withReadOnly(readOnly ? true : null)
                .endPersistentVolumeClaim()
                .build();
    }

    public static VolumeMount mount(boolean readOnly) {
        return new VolumeMountBuilder()
                .withName(VOLUME)
                .withMountPath(DIR)
                .withReadOnly(readOnly ? true : null)
                .build();
    }
}
