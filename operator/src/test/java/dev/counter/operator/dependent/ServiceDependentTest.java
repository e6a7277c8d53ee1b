package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.ServiceType;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.api.Test;

class ServiceDependentTest {

    private final ServiceDependent dependent = new ServiceDependent();

    @Test
    void clusterIpOnPort80ToThePodsPort8080ByDefault() {
        Service service = dependent.desired(CounterApps.stored("hits", Backend.MEMORY), null);

        assertThat(service.getMetadata().getName()).isEqualTo("hits");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(port.getPort()).isEqualTo(80);
        assertThat(port.getTargetPort().getIntVal()).isEqualTo(8080);
        assertThat(port.getNodePort()).isNull();
        assertThat(service.getSpec().getSelector())
                .containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
    }

    @Test
    void grpcOnTheOriginalsPort50055ToThePodsGrpcPortMarkedAsGrpc() {
        CounterApp app = CounterApps.stored("hits", Backend.REDIS);
        ServicePort grpc = dependent.desired(app, null).getSpec().getPorts().get(1);
        assertThat(grpc.getName()).isEqualTo("grpc");
        assertThat(grpc.getAppProtocol()).isEqualTo("grpc");
        assertThat(grpc.getPort()).isEqualTo(50055);
        assertThat(grpc.getTargetPort().getStrVal()).isEqualTo("grpc");

        app.getSpec().getService().setGrpcPort(9000);
        assertThat(dependent.desired(app, null).getSpec().getPorts().get(1).getPort())
                .isEqualTo(9000);
    }

    @Test
    void nodePortIsPassedOnlyForTypeNodePort() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        app.getSpec().getService().setPort(8000);
        app.getSpec().getService().setNodePort(30080);
        app.getSpec().getService().setType(ServiceType.LoadBalancer);
        Service loadBalancer = dependent.desired(app, null);
        assertThat(loadBalancer.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(loadBalancer.getSpec().getPorts().get(0).getNodePort()).isNull();

        app.getSpec().getService().setType(ServiceType.NodePort);
        Service nodePort = dependent.desired(app, null);
        assertThat(nodePort.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
        assertThat(nodePort.getSpec().getPorts().get(0).getPort()).isEqualTo(8000);
    }
}
