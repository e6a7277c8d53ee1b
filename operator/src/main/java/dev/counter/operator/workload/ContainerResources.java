package dev.counter.operator.workload;

import dev.counter.operator.model.CounterAppSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.TreeMap;

/** The counter container's compute resources: the spec's, or the CRD default, in canonical form. */
public final class ContainerResources {

  /** Parsed from the same text as the CRD default, so the two cannot drift apart. */
  public static final ResourceRequirements DEFAULT =
      Serialization.unmarshal(CounterAppSpec.DEFAULT_RESOURCES_JSON, ResourceRequirements.class);

  private ContainerResources() {}

  public static ResourceRequirements of(CounterAppSpec spec) {
    ResourceRequirements source = spec.getResources() != null ? spec.getResources() : DEFAULT;
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
