package dev.counter.operator.workload;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.RedisSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.TreeMap;

/** A container's compute resources: the spec's, or the CRD default, in canonical form. */
public final class ContainerResources {

    /* Parsed from the same text as the CRD defaults, so the two cannot drift apart. */

    public static final ResourceRequirements DEFAULT = parse(CounterAppSpec.DEFAULT_RESOURCES_JSON);
    public static final ResourceRequirements REDIS_DEFAULT =
            parse(RedisSpec.DEFAULT_RESOURCES_JSON);
    public static final ResourceRequirements ETCD_DEFAULT = parse(EtcdSpec.DEFAULT_RESOURCES_JSON);

    /**
     * The small helpers: the bundled NFS server, the snapshot Job and its shell installer. They
     * move a snapshot file every half hour and need little besides I/O.
     */
    public static final ResourceRequirements HELPER =
            parse(
                    "{\"requests\":{\"cpu\":\"10m\",\"memory\":\"32Mi\"},"
                            + "\"limits\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"}}");

    private ContainerResources() {}

    /** The counter container's. */
    public static ResourceRequirements of(CounterAppSpec spec) {
        return of(spec.getResources(), DEFAULT);
    }

    /** Parses resources given as JSON, such as the text of a CRD default. */
    public static ResourceRequirements parse(String json) {
        return Serialization.unmarshal(json, ResourceRequirements.class);
    }

    public static ResourceRequirements of(
            ResourceRequirements specified, ResourceRequirements defaults) {
        ResourceRequirements source = specified != null ? specified : defaults;
        return new ResourceRequirementsBuilder()
                .withRequests(canonical(source.getRequests()))
                .withLimits(canonical(source.getLimits()))
                .build();
    }

    /** Empty maps become absent: the API server drops them, and {} vs absent would never match. */
    private static Map<String, Quantity> canonical(Map<String, Quantity> quantities) {
        if (quantities == null || quantities.isEmpty()) {
            return null;
        }
        var result = new TreeMap<String, Quantity>();
        quantities.forEach((name, quantity) -> result.put(name, Quantities.canonical(quantity)));
        return result;
    }
}
