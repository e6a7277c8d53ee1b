package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import java.util.List;

/**
 * Runs every semantic check before anything is changed in the cluster. A CounterApp can break rules
 * the schema also enforces: it may have been stored under an older CRD without them, or been scaled
 * through the scale subresource; the operator must refuse it all the same.
 */
public final class SpecValidator {

  private final List<SpecCheck> checks;

  public SpecValidator(List<SpecCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public static SpecValidator standard() {
    return new SpecValidator(
        List.of(
            new BackendRequiredCheck(),
            new ReplicasCheck(),
            new ExternalBackendCheck(),
            new NodePortCheck(),
            new IngressHostCheck(),
            new ResourcesCheck()));
  }

  public List<Violation> validate(CounterAppSpec spec) {
    if (spec == null) {
      return List.of(new Violation("MissingSpec", "spec", "spec is required"));
    }
    return checks.stream().flatMap(check -> check.check(spec).stream()).toList();
  }
}
