package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.workload.BackendImages;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.ContainerResources;
import dev.counter.operator.workload.EnvVars;
import dev.counter.operator.workload.EtcdTls;
import dev.counter.operator.workload.EtcdTopology;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import dev.counter.operator.workload.PersistentClaims;
import dev.counter.operator.workload.PodSecurity;
import dev.counter.operator.workload.Probes;
import dev.counter.operator.workload.Quantities;
import dev.counter.operator.workload.Scripts;
import dev.counter.operator.workload.ShellTools;
import dev.counter.operator.workload.SnapshotStorage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The etcd cluster: one StatefulSet pod per member, each with its own claim, started by {@link
 * Scripts#ETCD_START} from the members ConfigMap (bootstrap, join or own data). With {@code
 * restoreFrom}, an init container first restores a member that has no data yet from the snapshot.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.ETCD_SELECTOR))
public class EtcdStatefulSetDependent extends CounterAppDependent<StatefulSet> {

    static final String CONTAINER = "etcd";
    static final String RESTORE_CONTAINER = "restore";
    static final String DATA_VOLUME = "data";
    static final String DATA_MOUNT = "/var/lib/etcd";
    static final String DATA_DIR = DATA_MOUNT + "/data";
    static final String POD_NAME = "POD_NAME";
    static final String MEMBERS_VOLUME = "members";
    static final String MEMBERS_MOUNT = "/etc/etcd-members";

    /** etcd refuses writes (NOSPACE) past its quota: keep that below the volume's own size. */
    private static final BigDecimal QUOTA_SHARE = new BigDecimal("0.75");

    /** etcd's documented largest sensible quota. */
    private static final BigDecimal MAX_QUOTA = BigDecimal.valueOf(8L * 1024 * 1024 * 1024);

    public EtcdStatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.etcd(app);
    }

    @Override
    protected StatefulSet desired(CounterApp app, Context<CounterApp> context) {
        return desired(app, getSecondaryResource(app, context));
    }

    /** Public for the checks that read a StatefulSet the way this builds it. */
    public static StatefulSet desired(CounterApp app, Optional<StatefulSet> live) {
        EtcdSpec etcd = Backends.etcd(app.getSpec());
        return new StatefulSetBuilder()
                .withMetadata(OwnedMetadata.of(app, Names.etcd(app), Part.ETCD))
                .withNewSpec()
                .withReplicas(replicas(app, live))
                .withServiceName(Names.etcdPeers(app))
                // the operator restarts members one at a time, after checking the quorum
                .withNewUpdateStrategy()
                .withType("OnDelete")
                .endUpdateStrategy()
                // a removed member's data must not come back when the cluster grows again
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenScaled("Delete")
                .withWhenDeleted("Retain")
                .endPersistentVolumeClaimRetentionPolicy()
                // all members must start together: none becomes ready before a quorum exists
                .withPodManagementPolicy("Parallel")
                .withNewSelector()
                .withMatchLabels(Labels.selector(app, Part.ETCD))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(app, Part.ETCD))
                .endMetadata()
                .withSpec(pod(app))
                .endTemplate()
                .withVolumeClaimTemplates(
                        new PersistentVolumeClaimBuilder()
                                .withNewMetadata()
                                .withName(DATA_VOLUME)
                                .withLabels(Labels.of(app, Part.ETCD))
                                .endMetadata()
                                .withSpec(PersistentClaims.provisioned(etcd.getStorage()))
                                .build())
                .endSpec()
                .build();
    }

    /**
     * The target at creation; afterwards the live count, because members join and leave one step
     * at a time through etcd's member API, not by the StatefulSet following the spec.
     */
    private static int replicas(CounterApp app, Optional<StatefulSet> live) {
        return live.map(StatefulSet::getSpec)
                .map(StatefulSetSpec::getReplicas)
                .orElse(EtcdTopology.members(app));
    }

    private static PodSpec pod(CounterApp app) {
        var pod =
                new PodSpecBuilder()
                        .withAutomountServiceAccountToken(false)
                        .withSecurityContext(PodSecurity.restrictedPodWithVolumes())
                        .withContainers(member(app))
                        // the start script needs a shell: the etcd image is distroless
                        .addToInitContainers(ShellTools.installer())
                        .addToVolumes(ShellTools.volume(), membersVolume(app));
        if (Backends.managedEtcdTls(app.getSpec())) {
            pod.addToVolumes(EtcdTls.volume(EtcdTls.serverSecret(app)));
        }
        if (restoring(app)) {
            pod.addToInitContainers(restore(app))
                    .addToVolumes(SnapshotStorage.volume(app, true));
        }
        return pod.build();
    }

    private static Container member(CounterApp app) {
        EtcdSpec etcd = Backends.etcd(app.getSpec());
        boolean tls = Backends.managedEtcdTls(app.getSpec());
        String self = "$(" + POD_NAME + ")";
        String scheme = EtcdTopology.scheme(app);
        // with client-cert-auth the kubelet could not probe the client port: /health is also
        // served on the plain-http metrics port, which serves no keys
        String probePort = tls ? EtcdTls.METRICS_PORT_NAME : EtcdTopology.CLIENT_PORT_NAME;
        var container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(BackendImages.etcd(Backends.etcd(app.getSpec())))
                // how the member starts (new, joining, own data) comes from the members ConfigMap,
                // so the template stays the same for every member count
                .withCommand(ShellTools.command(Scripts.ETCD_START))
                .withArgs(
                        "etcd-start",
                        "--name=" + self,
                        "--data-dir=" + DATA_DIR,
                        "--listen-client-urls=" + scheme + "://0.0.0.0:" + EtcdTopology.CLIENT_PORT,
                        "--advertise-client-urls=" + EtcdTopology.memberClientUrl(app, self),
                        "--listen-peer-urls=" + scheme + "://0.0.0.0:" + EtcdTopology.PEER_PORT,
                        "--initial-advertise-peer-urls=" + EtcdTopology.peerUrl(app, self),
                        "--initial-cluster-token=" + EtcdTopology.clusterToken(app),
                        // every increment writes a revision and the history is never read: compact
                        // it
                        "--auto-compaction-mode=periodic",
                        "--auto-compaction-retention=5m",
                        "--quota-backend-bytes=" + quotaBytes(etcd))
                .withEnv(
                        podName(),
                        ShellTools.pathVariable(),
                        EnvVars.value("MEMBER_NAME", self),
                        EnvVars.value("DATA_DIR", DATA_DIR),
                        EnvVars.value("MEMBERS_DIR", MEMBERS_MOUNT))
                // the start script's "no data" message or, without one, etcd's last log lines
                // ("member ID mismatch") become the terminated state's message: dataLost is read
                // from it
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .addNewPort()
                .withName(EtcdTopology.CLIENT_PORT_NAME)
                .withContainerPort(EtcdTopology.CLIENT_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName(EtcdTopology.PEER_PORT_NAME)
                .withContainerPort(EtcdTopology.PEER_PORT)
                .withProtocol("TCP")
                .endPort()
                // ready: the member is part of a cluster with a leader (linearizable /health)
                .withReadinessProbe(Probes.httpGet("/health", probePort, 5, 3))
                // alive: the member itself answers, even while the cluster has no quorum;
                // restarting
                // members then would only make the outage longer
                .withLivenessProbe(
                        Probes.httpGet("/health?serializable=true", probePort, 10, 6))
                // replaying a large WAL or a restored snapshot may take minutes at the first start
                .withStartupProbe(
                        Probes.httpGet("/health?serializable=true", probePort, 10, 30))
                .withResources(
                        ContainerResources.of(etcd.getResources(), ContainerResources.ETCD_DEFAULT))
                .withSecurityContext(PodSecurity.restrictedContainer())
                .addNewVolumeMount()
                .withName(DATA_VOLUME)
                .withMountPath(DATA_MOUNT)
                .endVolumeMount()
                .addToVolumeMounts(membersMount(), ShellTools.mount());
        if (tls) {
            container
                    .addToArgs(EtcdTls.memberArgs().toArray(String[]::new))
                    .addNewPort()
                    .withName(EtcdTls.METRICS_PORT_NAME)
                    .withContainerPort(EtcdTls.METRICS_PORT)
                    .withProtocol("TCP")
                    .endPort()
                    .addToVolumeMounts(EtcdTls.mount());
        }
        return container.build();
    }

    private static VolumeMount membersMount() {
        return new VolumeMountBuilder()
                .withName(MEMBERS_VOLUME)
                .withMountPath(MEMBERS_MOUNT)
                .withReadOnly(true)
                .build();
    }

    private static Volume membersVolume(CounterApp app) {
        return new VolumeBuilder()
                .withName(MEMBERS_VOLUME)
                .withNewConfigMap()
                .withName(Names.etcdMembers(app))
                .endConfigMap()
                .build();
    }

    /** The restore init container: runs {@link Scripts#ETCD_RESTORE} in the etcd image. */
    private static Container restore(CounterApp app) {
        String self = "$(" + POD_NAME + ")";
        return new ContainerBuilder()
                .withName(RESTORE_CONTAINER)
                .withImage(BackendImages.etcd(Backends.etcd(app.getSpec())))
                .withCommand(ShellTools.command(Scripts.ETCD_RESTORE))
                .withEnv(
                        podName(),
                        ShellTools.pathVariable(),
                        EnvVars.value("ETCDCTL_API", "3"),
                        EnvVars.value("DATA_DIR", DATA_DIR),
                        EnvVars.value(
                                "SNAPSHOT_FILE",
                                SnapshotStorage.DIR
                                        + "/"
                                        + Backends.etcd(app.getSpec()).getRestoreFrom()),
                        EnvVars.value("MEMBER_NAME", self),
                        EnvVars.value("MEMBERS_DIR", MEMBERS_MOUNT),
                        EnvVars.value("CLUSTER_TOKEN", EtcdTopology.clusterToken(app)),
                        EnvVars.value("PEER_URL", EtcdTopology.peerUrl(app, self)))
                .withResources(ContainerResources.of(null, ContainerResources.ETCD_DEFAULT))
                .withSecurityContext(PodSecurity.restrictedContainer())
                .withVolumeMounts(
                        new VolumeMountBuilder()
                                .withName(DATA_VOLUME)
                                .withMountPath(DATA_MOUNT)
                                .build(),
                        SnapshotStorage.mount(true),
                        membersMount(),
                        ShellTools.mount())
                .build();
    }

    private static boolean restoring(CounterApp app) {
        String file = Backends.etcd(app.getSpec()).getRestoreFrom();
        return file != null && !file.isBlank();
    }

    /** Declared first: the other variables and the arguments refer to it as $(POD_NAME). */
    private static EnvVar podName() {
        return EnvVars.fieldRef(POD_NAME, "metadata.name");
    }

    static long quotaBytes(EtcdSpec etcd) {
        BigDecimal size =
                Quantities.parse(PersistentClaims.size(etcd.getStorage()).toString())
                        .multiply(QUOTA_SHARE);
        return size.min(MAX_QUOTA).longValue();
    }
}
