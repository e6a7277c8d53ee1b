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
 * The client Service of the etcd cluster: ETCD_ENDPOINTS of the counter pods and the snapshot Job's
 * endpoint. It routes to ready members only.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.ETCD_SELECTOR))
public class EtcdClientServiceDependent extends CounterAppDependent<Service> {

    public EtcdClientServiceDependent() {
        super(Service.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.etcd(app);
    }

    @Override
    protected Service desired(CounterApp app, Context<CounterApp> context) {
        return BackendServices.clusterIp(
                app,
                name(app),
                Part.ETCD,
                BackendServices.port(EtcdTopology.CLIENT_PORT_NAME, EtcdTopology.CLIENT_PORT));
    }
}
