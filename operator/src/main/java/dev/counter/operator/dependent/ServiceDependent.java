package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.ServiceSpec;
import dev.counter.operator.model.ServiceType;
import dev.counter.operator.workload.CounterContainer;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/** The Service in front of the counter pods. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.COUNTER_SELECTOR))
public class ServiceDependent extends CounterAppDependent<Service> {

    public ServiceDependent() {
        super(Service.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.workload(app);
    }

    @Override
    protected Service desired(CounterApp app, Context<CounterApp> context) {
        ServiceSpec spec =
                Objects.requireNonNullElseGet(app.getSpec().getService(), ServiceSpec::new);
        ServiceType type = Objects.requireNonNullElse(spec.getType(), ServiceType.ClusterIP);
        var port =
                new ServicePortBuilder()
                        .withName(CounterContainer.HTTP_PORT_NAME)
                        .withProtocol("TCP")
                        .withPort(spec.getPort())
                        .withTargetPort(new IntOrString(CounterContainer.HTTP_PORT));
        if (type == ServiceType.NodePort && spec.getNodePort() != null) {
            port.withNodePort(spec.getNodePort());
        }
        // appProtocol tells gateways and meshes to speak HTTP/2 (gRPC) to it, not HTTP/1.1
        var grpc =
                new ServicePortBuilder()
                        .withName(CounterContainer.GRPC_PORT_NAME)
                        .withProtocol("TCP")
                        .withAppProtocol("grpc")
                        .withPort(
                                Objects.requireNonNullElse(
                                        spec.getGrpcPort(), CounterContainer.GRPC_PORT))
                        .withTargetPort(new IntOrString(CounterContainer.GRPC_PORT_NAME));
        return new ServiceBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app)))
                .withNewSpec()
                .withType(type.name())
                .withSelector(Labels.counterSelector(app))
                .withPorts(port.build(), grpc.build())
                .endSpec()
                .build();
    }
}
