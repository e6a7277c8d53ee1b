package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.workload.Quantities;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quantities must parse and requests must not exceed limits. The CRD schema only says "integer or
 * string"; without this check the API server would reject the Deployment on every retry.
 */
final class ResourcesCheck implements SpecCheck {

  static final String REASON = "InvalidResources";

  @Override
  public List<Violation> check(CounterAppSpec spec) {
    ResourceRequirements resources = spec.getResources();
    if (resources == null) {
      return List.of();
    }
    var violations = new ArrayList<Violation>();
    Map<String, BigDecimal> requests = parseAll(resources.getRequests(), "requests", violations);
    Map<String, BigDecimal> limits = parseAll(resources.getLimits(), "limits", violations);
    requests.forEach(
        (name, request) -> {
          BigDecimal limit = limits.get(name);
          if (limit != null && request.compareTo(limit) > 0) {
            violations.add(
                new Violation(
                    REASON,
                    "spec.resources.requests." + name,
                    "spec.resources.requests."
                        + name
                        + " ("
                        + resources.getRequests().get(name)
                        + ") must not exceed the limit ("
                        + resources.getLimits().get(name)
                        + ")"));
          }
        });
    return violations;
  }

  private static Map<String, BigDecimal> parseAll(
      Map<String, Quantity> quantities, String kind, List<Violation> violations) {
    var parsed = new TreeMap<String, BigDecimal>();
    if (quantities == null) {
      return parsed;
    }
    quantities.forEach(
        (name, quantity) -> {
          String field = "spec.resources." + kind + "." + name;
          try {
            parsed.put(name, Quantities.parse(quantity == null ? null : quantity.toString()));
          } catch (IllegalArgumentException e) {
            violations.add(new Violation(REASON, field, field + ": " + e.getMessage()));
          }
        });
    return parsed;
  }
}
