package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.BackendServices;
import dev.counter.operator.workload.EtcdTopology;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.Part;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The headless Service governing the etcd StatefulSet: it gives every member the stable DNS name
 * that {@code --initial-cluster} lists, before the members are ready.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.ETCD_SELECTOR))
public class EtcdPeerServiceDependent extends CounterAppDependent<Service> {

    public EtcdPeerServiceDependent() {
        super(Service.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.etcdPeers(app);
    }

    @Override
    protected Service desired(CounterApp app, Context<CounterApp> context) {
        return BackendServices.headless(
                app,
                name(app),
                Part.ETCD,
                BackendServices.port(EtcdTopology.PEER_PORT_NAME, EtcdTopology.PEER_PORT),
                BackendServices.port(EtcdTopology.CLIENT_PORT_NAME, EtcdTopology.CLIENT_PORT));
    }
}
