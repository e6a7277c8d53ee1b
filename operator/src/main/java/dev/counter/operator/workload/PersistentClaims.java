package dev.counter.operator.workload;

import dev.counter.operator.model.StorageSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Objects;

/** Specs of the PersistentVolumeClaims the operator asks for. */
public final class PersistentClaims {

    public static final String READ_WRITE_ONCE = "ReadWriteOnce";
    public static final String READ_WRITE_MANY = "ReadWriteMany";

    private PersistentClaims() {}

    /**
     * A dynamically provisioned volume of the spec's size (canonical, as the API server stores it)
     * and class; without a class the cluster's default class provisions it.
     */
    public static PersistentVolumeClaimSpec provisioned(StorageSpec storage) {
        StorageSpec spec = Objects.requireNonNullElseGet(storage, StorageSpec::new);
        String className = spec.getStorageClassName();
        return new PersistentVolumeClaimSpecBuilder()
                .withAccessModes(READ_WRITE_ONCE)
                .withStorageClassName(className == null || className.isBlank() ? null : className)
                .withNewResources()
                .withRequests(Map.of("storage", size(spec)))
                .endResources()
                .build();
    }

    /**
     * A claim bound to one PersistentVolume by name. The empty StorageClass keeps the cluster's
     * default class (and its provisioner) away from it.
     */
    public static PersistentVolumeClaimSpec boundTo(
            String volumeName, StorageSpec storage, String accessMode) {
        return new PersistentVolumeClaimSpecBuilder()
                .withAccessModes(accessMode)
                .withStorageClassName("")
                .withVolumeName(volumeName)
                .withNewResources()
                .withRequests(Map.of("storage", size(storage)))
                .endResources()
                .build();
    }

    /** The requested size in canonical form. */
    public static Quantity size(StorageSpec storage) {
        String size =
                storage == null || storage.getSize() == null
                        ? StorageSpec.DEFAULT_SIZE
                        : storage.getSize();
        return Quantities.canonical(new Quantity(size));
    }
}
