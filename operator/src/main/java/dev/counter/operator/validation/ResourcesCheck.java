package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.StorageSpec;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.Quantities;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quantities must parse and requests must not exceed limits, for the counter and for the stores the
 * operator runs; volume sizes must parse. The CRD schema only says "integer or string" (or
 * "string"); without this check the API server would reject the workload on every retry.
 */
final class ResourcesCheck implements SpecCheck {

    static final String REASON = "InvalidResources";

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        var violations = new ArrayList<Violation>();
        checkResources("spec.resources", spec.getResources(), violations);
        if (Backends.managedRedis(spec)) {
            var redis = Backends.redis(spec);
            checkResources("spec.redis.resources", redis.getResources(), violations);
            if (Backends.redisPersistence(spec)) {
                checkSize("spec.redis.persistence.size", redis.getPersistence(), violations);
            }
        }
        if (Backends.managedEtcd(spec)) {
            var etcd = Backends.etcd(spec);
            checkResources("spec.etcd.resources", etcd.getResources(), violations);
            checkSize("spec.etcd.storage.size", etcd.getStorage(), violations);
        }
        if (Backends.snapshotsEnabled(spec)) {
            checkSize(
                    "spec.etcd.snapshots.storage.size",
                    Backends.snapshots(spec).getStorage(),
                    violations);
        }
        return violations;
    }

    private static void checkResources(
            String field, ResourceRequirements resources, List<Violation> violations) {
        if (resources == null) {
            return;
        }
        Map<String, BigDecimal> requests =
                parseAll(resources.getRequests(), field + ".requests", violations);
        Map<String, BigDecimal> limits =
                parseAll(resources.getLimits(), field + ".limits", violations);
        requests.forEach(
                (name, request) -> {
                    BigDecimal limit = limits.get(name);
                    if (limit != null && request.compareTo(limit) > 0) {
                        violations.add(
                                new Violation(
                                        REASON,
                                        field + ".requests." + name,
                                        field
                                                + ".requests."
                                                + name
                                                + " ("
                                                + resources.getRequests().get(name)
                                                + ") must not exceed the limit ("
                                                + resources.getLimits().get(name)
                                                + ")"));
                    }
                });
    }

    private static void checkSize(String field, StorageSpec storage, List<Violation> violations) {
        if (storage == null || storage.getSize() == null) {
            return;
        }
        try {
            if (Quantities.parse(storage.getSize()).signum() == 0) {
                violations.add(new Violation(REASON, field, field + " must be larger than 0"));
            }
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(REASON, field, field + ": " + e.getMessage()));
        }
    }

    private static Map<String, BigDecimal> parseAll(
            Map<String, Quantity> quantities, String prefix, List<Violation> violations) {
        var parsed = new TreeMap<String, BigDecimal>();
        if (quantities == null) {
            return parsed;
        }
        quantities.forEach(
                (name, quantity) -> {
                    String field = prefix + "." + name;
                    try {
                        parsed.put(
                                name,
                                Quantities.parse(quantity == null ? null : quantity.toString()));
                    } catch (IllegalArgumentException e) {
                        violations.add(new Violation(REASON, field, field + ": " + e.getMessage()));
                    }
                });
        return parsed;
    }
}
