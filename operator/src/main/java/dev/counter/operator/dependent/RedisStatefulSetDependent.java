package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.workload.BackendImages;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.ContainerResources;
import dev.counter.operator.workload.EnvVars;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import dev.counter.operator.workload.PodSecurity;
import dev.counter.operator.workload.Probes;
import dev.counter.operator.workload.RedisConnection;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/**
 * The Redis the operator runs: one pod with {@code requirepass} from the generated Secret and, when
 * persistence is on, the append-only file on its claim. A StatefulSet rather than a Deployment so
 * that an update stops the old pod before the new one mounts the (ReadWriteOnce) volume.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.REDIS_SELECTOR))
public class RedisStatefulSetDependent extends CounterAppDependent<StatefulSet> {

    static final String CONTAINER = "redis";
    static final String DATA_VOLUME = "data";
    static final String DATA_DIR = "/data";

    /** redis-cli reads the password from this variable, so probes need no shell quoting. */
    private static final String REDISCLI_AUTH = "REDISCLI_AUTH";

    public RedisStatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.redis(app);
    }

    @Override
    protected StatefulSet desired(CounterApp app, Context<CounterApp> context) {
        return new StatefulSetBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.REDIS))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(Names.redis(app))
                .withNewSelector()
                .withMatchLabels(Labels.selector(app, Part.REDIS))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(app, Part.REDIS))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.restrictedPodWithVolumes())
                .withContainers(container(app))
                .withVolumes(dataVolume(app))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(CounterApp app) {
        RedisSpec redis = Backends.redis(app.getSpec());
        var password = RedisConnection.passwordSource(app).orElseThrow();
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(BackendImages.REDIS)
                // redis-server itself, not the image's entrypoint, which would try to chown as root
                .withCommand("redis-server")
                .withArgs(
                        "--port",
                        String.valueOf(RedisConnection.PORT),
                        "--requirepass",
                        "$(" + RedisConnection.REDIS_PASSWORD + ")",
                        "--dir",
                        DATA_DIR,
                        "--appendonly",
                        Backends.redisPersistence(app.getSpec()) ? "yes" : "no",
                        // an increment acknowledged and then lost in a crash would make the
                        // service refuse the counter (it never reissues a value): fsync before
                        // every reply. The service batches increments, so one fsync serves a
                        // whole batch.
                        "--appendfsync",
                        "always",
                        // the append-only file is the persistence; periodic RDB dumps would only
                        // add I/O
                        "--save",
                        "")
                .withEnv(
                        EnvVars.fromSecret(RedisConnection.REDIS_PASSWORD, password),
                        EnvVars.fromSecret(REDISCLI_AUTH, password))
                .addNewPort()
                .withName(RedisConnection.PORT_NAME)
                .withContainerPort(RedisConnection.PORT)
                .withProtocol("TCP")
                .endPort()
                // ready once Redis answers commands (not while it loads the append-only file)
                .withReadinessProbe(
                        Probes.exec(List.of("sh", "-c", "redis-cli ping | grep -q PONG"), 5, 3))
                // alive while it accepts connections, so loading a large file is not mistaken for a
                // hang
                .withLivenessProbe(Probes.tcp(RedisConnection.PORT_NAME, 10, 6))
                .withResources(
                        ContainerResources.of(
                                redis.getResources(), ContainerResources.REDIS_DEFAULT))
                .withSecurityContext(PodSecurity.restrictedContainer())
                .addNewVolumeMount()
                .withName(DATA_VOLUME)
                .withMountPath(DATA_DIR)
                .endVolumeMount()
                .build();
    }

    private static Volume dataVolume(CounterApp app) {
        var volume = new VolumeBuilder().withName(DATA_VOLUME);
        if (Backends.redisPersistence(app.getSpec())) {
            return volume.withNewPersistentVolumeClaim()
                    .withClaimName(Names.redisData(app))
                    .endPersistentVolumeClaim()
                    .build();
        }
        return volume.withNewEmptyDir().endEmptyDir().build();
    }
}
