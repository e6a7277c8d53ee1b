package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.BackendImages;
import dev.counter.operator.workload.ContainerResources;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.NfsServer;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import dev.counter.operator.workload.PodSecurity;
import dev.counter.operator.workload.Probes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The bundled NFS server, for snapshots without an external export. The only pod the operator runs
 * outside the restricted profile: the kernel NFS server needs a privileged container.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.NFS_SERVER_SELECTOR))
public class NfsServerDeploymentDependent extends CounterAppDependent<Deployment> {

    static final String CONTAINER = "nfs-server";
    static final String EXPORT_VOLUME = "export";

    public NfsServerDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.nfsServer(app);
    }

    @Override
    protected Deployment desired(CounterApp app, Context<CounterApp> context) {
        return new DeploymentBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.NFS_SERVER))
                .withNewSpec()
                .withReplicas(1)
                // the volume is ReadWriteOnce: the old pod must let go of it before the new one
                // starts
                .withNewStrategy()
                .withType("Recreate")
                .endStrategy()
                .withNewSelector()
                .withMatchLabels(Labels.selector(app, Part.NFS_SERVER))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(app, Part.NFS_SERVER))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                // the export belongs to the snapshot Jobs' group, so they can write over NFS
                .withNewSecurityContext()
                .withFsGroup(PodSecurity.NON_ROOT_UID)
                .endSecurityContext()
                .withContainers(container())
                .addNewVolume()
                .withName(EXPORT_VOLUME)
                .withNewPersistentVolumeClaim()
                .withClaimName(Names.nfsData(app))
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container() {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(BackendImages.NFS_SERVER)
                .withPorts(
                        port(NfsServer.NFS_PORT_NAME, NfsServer.NFS_PORT),
                        port(NfsServer.MOUNTD_PORT_NAME, NfsServer.MOUNTD_PORT),
                        port(NfsServer.RPCBIND_PORT_NAME, NfsServer.RPCBIND_PORT))
                .withReadinessProbe(Probes.tcp(NfsServer.NFS_PORT_NAME, 10, 3))
                .withLivenessProbe(Probes.tcp(NfsServer.NFS_PORT_NAME, 20, 3))
                .withResources(ContainerResources.HELPER)
                .withSecurityContext(PodSecurity.privilegedContainer())
                .addNewVolumeMount()
                .withName(EXPORT_VOLUME)
                .withMountPath(NfsServer.EXPORT_DIR)
                .endVolumeMount()
                .build();
    }

    private static ContainerPort port(String name, int port) {
        return new ContainerPortBuilder()
                .withName(name)
                .withContainerPort(port)
                .withProtocol("TCP")
                .build();
    }
}
