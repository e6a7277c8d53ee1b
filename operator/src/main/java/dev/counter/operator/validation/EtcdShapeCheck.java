package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.StorageSpec;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.EtcdTls;
import dev.counter.operator.workload.PersistentClaims;
import dev.counter.operator.workload.Quantities;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An existing etcd cluster keeps its volumes (a StatefulSet's claim templates cannot change at
 * all) and its TLS (every peer URL would change at once), so refusing keeps the cluster as it is. The member count may change; the operator moves it
 * one member at a time.
 */
final class EtcdShapeCheck implements TransitionCheck {

    static final String STORAGE_IMMUTABLE = "EtcdStorageImmutable";
    static final String TLS_IMMUTABLE = "EtcdTlsImmutable";

    @Override
    public List<Violation> check(CounterAppSpec spec, Deployed deployed) {
        if (!Backends.managedEtcd(spec) || deployed.etcd().isEmpty()) {
            return List.of();
        }
        StatefulSet existing = deployed.etcd().get();
        EtcdSpec etcd = Backends.etcd(spec);
        var violations = new ArrayList<Violation>();
        claimTemplate(existing)
                .filter(claim -> !sameStorage(claim, etcd.getStorage()))
                .ifPresent(
                        claim ->
                                violations.add(
                                        new Violation(
                                                STORAGE_IMMUTABLE,
                                                "spec.etcd.storage",
                                                EtcdSpec.STORAGE_IMMUTABLE_MESSAGE
                                                        + ": the members' volumes are "
                                                        + claim.getResources()
                                                                .getRequests()
                                                                .get("storage")
                                                        + Optional.ofNullable(
                                                                        claim.getStorageClassName())
                                                                .map(c -> " of class " + c)
                                                                .orElse(""))));
        boolean deployedTls = withTls(existing);
        if (deployedTls != Backends.managedEtcdTls(spec)) {
            violations.add(
                    new Violation(
                            TLS_IMMUTABLE,
                            "spec.etcd.tls",
                            EtcdSpec.TLS_MANAGED_IMMUTABLE_MESSAGE
                                    + ": the members run "
                                    + (deployedTls ? "with" : "without")
                                    + " TLS"));
        }
        return violations;
    }

    private static boolean withTls(StatefulSet statefulSet) {
        return Optional.ofNullable(statefulSet.getSpec().getTemplate())
                .map(PodTemplateSpec::getSpec)
                .map(PodSpec::getVolumes)
                .orElse(List.of())
                .stream()
                .anyMatch(v -> EtcdTls.VOLUME.equals(v.getName()));
    }

    private static Optional<PersistentVolumeClaimSpec> claimTemplate(StatefulSet statefulSet) {
        var templates = statefulSet.getSpec().getVolumeClaimTemplates();
        return templates == null || templates.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(templates.get(0).getSpec());
    }

    private static boolean sameStorage(PersistentVolumeClaimSpec existing, StorageSpec wanted) {
        PersistentVolumeClaimSpec desired = PersistentClaims.provisioned(wanted);
        Quantity existingSize =
                existing.getResources() == null || existing.getResources().getRequests() == null
                        ? null
                        : existing.getResources().getRequests().get("storage");
        return existingSize != null
                && Quantities.canonical(existingSize).equals(PersistentClaims.size(wanted))
                && Objects.equals(existing.getStorageClassName(), desired.getStorageClassName());
    }
}
