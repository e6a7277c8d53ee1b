package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.BackendServices;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.NfsServer;
import dev.counter.operator.workload.Part;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The bundled NFS server's Service. Its cluster IP, not its name, goes into the snapshot
 * PersistentVolume: kubelets mount NFS without cluster DNS.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.NFS_SERVER_SELECTOR))
public class NfsServiceDependent extends CounterAppDependent<Service> {

    public NfsServiceDependent() {
        super(Service.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.nfsServer(app);
    }

    @Override
    protected Service desired(CounterApp app, Context<CounterApp> context) {
        return BackendServices.clusterIp(
                app,
                name(app),
                Part.NFS_SERVER,
                BackendServices.port(NfsServer.NFS_PORT_NAME, NfsServer.NFS_PORT),
                BackendServices.port(NfsServer.MOUNTD_PORT_NAME, NfsServer.MOUNTD_PORT),
                BackendServices.port(NfsServer.RPCBIND_PORT_NAME, NfsServer.RPCBIND_PORT));
    }
}
