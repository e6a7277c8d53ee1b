package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.SnapshotsSpec;
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
import dev.counter.operator.workload.PodSecurity;
import dev.counter.operator.workload.Scripts;
import dev.counter.operator.workload.ShellTools;
import dev.counter.operator.workload.SnapshotStorage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import java.util.Objects;

/**
 * The CronJob that saves an etcd snapshot through the client Service into the snapshot volume and
 * prunes old ones ({@link Scripts#ETCD_SNAPSHOT}). Each Job writes {@code <job name>.db}, so the
 * status can name the file from the Job alone.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.ETCD_SNAPSHOT_SELECTOR))
public class SnapshotCronJobDependent extends CounterAppDependent<CronJob> {

    public static final String CONTAINER = "snapshot";

    /** Set by the Job controller on its pods (Kubernetes 1.27+). */
    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    /** The script fails fast on an unreachable cluster; this is the backstop for a hung stream. */
    static final long JOB_DEADLINE_SECONDS = 1800L;

    /** Enough finished Jobs for the status and for a look at recent failures. */
    private static final int JOB_HISTORY = 3;

    public SnapshotCronJobDependent() {
        super(CronJob.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.snapshotCronJob(app);
    }

    @Override
    protected CronJob desired(CounterApp app, Context<CounterApp> context) {
        SnapshotsSpec snapshots = Backends.snapshots(app.getSpec());
        boolean tls = Backends.managedEtcdTls(app.getSpec());
        return new CronJobBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.ETCD_SNAPSHOT))
                .withNewSpec()
                .withSchedule(
                        Objects.requireNonNullElse(
                                snapshots.getSchedule(), SnapshotsSpec.DEFAULT_SCHEDULE))
                .withTimeZone("Etc/UTC")
                // a slow snapshot must not overlap the next one, which would prune under its feet
                .withConcurrencyPolicy("Forbid")
                .withSuccessfulJobsHistoryLimit(JOB_HISTORY)
                .withFailedJobsHistoryLimit(JOB_HISTORY)
                .withNewJobTemplate()
                // copied onto every Job: the operator finds the Jobs of a CounterApp by these
                // labels
                .withNewMetadata()
                .withLabels(Labels.of(app, Part.ETCD_SNAPSHOT))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(2)
                // a Job stuck on a hanging connection would block every later one (Forbid)
                .withActiveDeadlineSeconds(JOB_DEADLINE_SECONDS)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(app, Part.ETCD_SNAPSHOT))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(
                        tls ? PodSecurity.restrictedPodReadingSecrets() : PodSecurity.restrictedPod())
                .withInitContainers(ShellTools.installer())
                .withContainers(container(app, snapshots))
                .withVolumes(SnapshotStorage.volume(app, false), ShellTools.volume())
                .addAllToVolumes(
                        tls ? List.of(EtcdTls.volume(EtcdTls.clientSecret(app))) : List.of())
                .endSpec()
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    private static Container container(CounterApp app, SnapshotsSpec snapshots) {
        int retain =
                Objects.requireNonNullElse(snapshots.getRetain(), SnapshotsSpec.DEFAULT_RETAIN);
        boolean tls = Backends.managedEtcdTls(app.getSpec());
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(BackendImages.etcd(Backends.etcd(app.getSpec())))
                .withCommand(ShellTools.command(Scripts.ETCD_SNAPSHOT))
                .withEnv(
                        ShellTools.pathVariable(),
                        EnvVars.value("ETCDCTL_API", "3"),
                        EnvVars.value("ETCD_ENDPOINT", EtcdTopology.clientUrl(app)),
                        EnvVars.value("SNAPSHOT_DIR", SnapshotStorage.DIR),
                        EnvVars.fieldRef(
                                "SNAPSHOT_NAME", "metadata.labels['" + JOB_NAME_LABEL + "']"),
                        EnvVars.value("SNAPSHOT_PREFIX", Names.snapshotCronJob(app)),
                        EnvVars.value("RETAIN", String.valueOf(retain)))
                // etcdctl reads its TLS flags from the environment: the script stays the same
                .addAllToEnv(tls ? EtcdTls.etcdctlEnv() : List.of())
                .withResources(ContainerResources.HELPER)
                .withSecurityContext(PodSecurity.restrictedContainer())
                .withVolumeMounts(SnapshotStorage.mount(false), ShellTools.mount())
                .addAllToVolumeMounts(tls ? List.of(EtcdTls.mount()) : List.of())
                .build();
    }
}
