package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.ServiceSpec;
import java.util.List;
import java.util.Objects;

/** One Service cannot expose HTTP and gRPC on the same port (the CRD's CEL rule, for older servers). */
final class ServicePortsCheck implements SpecCheck {

    static final String REASON = "ServicePortsClash";

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        ServiceSpec service = spec.getService();
        if (service == null
                || service.getPort() == null
                || !Objects.equals(service.getPort(), service.getGrpcPort())) {
            return List.of();
        }
        return List.of(
                new Violation(
                        REASON,
                        "spec.service.grpcPort",
                        ServiceSpec.SAME_PORTS_MESSAGE + " (both are " + service.getPort() + ")"));
    }
}
