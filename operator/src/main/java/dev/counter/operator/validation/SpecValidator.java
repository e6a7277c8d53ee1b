package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs every semantic check before anything is changed in the cluster. A CounterApp can break rules
 * the schema also enforces: it may have been stored under an older CRD without them, or been scaled
 * through the scale subresource; the operator must refuse it all the same.
 */
public final class SpecValidator {

    private final List<SpecCheck> checks;
    private final List<TransitionCheck> transitionChecks;

    public SpecValidator(List<SpecCheck> checks) {
        this(checks, List.of());
    }

    public SpecValidator(List<SpecCheck> checks, List<TransitionCheck> transitionChecks) {
        this.checks = List.copyOf(checks);
        this.transitionChecks = List.copyOf(transitionChecks);
    }

    public static SpecValidator standard() {
        return new SpecValidator(
                List.of(
                        new BackendRequiredCheck(),
                        new ReplicasCheck(),
                        new ExternalBackendCheck(),
                        new ManagedEtcdCheck(),
                        new NodePortCheck(),
                        new ServicePortsCheck(),
                        new IngressHostCheck(),
                        new ResourcesCheck()),
                List.of(new EtcdShapeCheck(), new EtcdVersionCheck()));
    }

    /** The spec's own rules, as for a CounterApp that has nothing deployed yet. */
    public List<Violation> validate(CounterAppSpec spec) {
        return validate(spec, Deployed.nothing());
    }

    /** The spec's own rules, then whether it may be applied to what is deployed. */
    public List<Violation> validate(CounterAppSpec spec, Deployed deployed) {
        if (spec == null) {
            return List.of(new Violation("MissingSpec", "spec", "spec is required"));
        }
        return Stream.concat(
                        checks.stream().flatMap(check -> check.check(spec).stream()),
                        transitionChecks.stream()
                                .flatMap(check -> check.check(spec, deployed).stream()))
                .toList();
    }
}
