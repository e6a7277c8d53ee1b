package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.ServiceSpec;
import dev.counter.operator.model.ServiceType;
import java.util.List;

/** A fixed node port only means something for a NodePort Service. */
final class NodePortCheck implements SpecCheck {

    static final String REASON = "NodePortWithoutNodePortType";

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        ServiceSpec service = spec.getService();
        if (service == null
                || service.getNodePort() == null
                || service.getType() == ServiceType.NodePort) {
            return List.of();
        }
        return List.of(
                new Violation(
                        REASON,
                        "spec.service.nodePort",
                        ServiceSpec.NODE_PORT_MESSAGE + " (type is " + service.getType() + ")"));
    }
}
