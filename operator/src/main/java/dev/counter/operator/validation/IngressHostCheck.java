package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.IngressSpec;
import java.util.List;

/** An Ingress rule without a host would capture every host of the ingress controller. */
final class IngressHostCheck implements SpecCheck {

    static final String REASON = "IngressHostMissing";

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        IngressSpec ingress = spec.getIngress();
        if (ingress == null || !Boolean.TRUE.equals(ingress.getEnabled())) {
            return List.of();
        }
        if (ingress.getHost() != null && !ingress.getHost().isBlank()) {
            return List.of();
        }
        return List.of(
                new Violation(REASON, "spec.ingress.host", IngressSpec.HOST_REQUIRED_MESSAGE));
    }
}
