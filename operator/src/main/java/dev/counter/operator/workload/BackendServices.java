package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

/** Services in front of the pods of one part (Redis, etcd, the NFS server). */
public final class BackendServices {

    private BackendServices() {}

    /** A ClusterIP Service: one stable virtual IP and DNS name for the part's pods. */
    public static Service clusterIp(CounterApp app, String name, Part part, ServicePort... ports) {
        return new ServiceBuilder()
                .withMetadata(OwnedMetadata.of(app, name, part))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Labels.selector(app, part))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    /**
     * A headless Service: a DNS name per pod, also for pods that are not ready yet, which members
     * of a cluster need to find each other while they bootstrap.
     */
    public static Service headless(CounterApp app, String name, Part part, ServicePort... ports) {
        return new ServiceBuilder(clusterIp(app, name, part, ports))
                .editSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .endSpec()
                .build();
    }

    /** A TCP port that forwards to the container port of the same name. */
    public static ServicePort port(String name, int port) {
        return new ServicePortBuilder()
                .withName(name)
                .withProtocol("TCP")
                .withPort(port)
                .withTargetPort(new IntOrString(name))
                .build();
    }
}
