package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;

/** The counter-app container of the Deployment's pod template. */
public final class CounterContainer {

    public static final String NAME = "counter";
    public static final int HTTP_PORT = 8080;
    public static final String HTTP_PORT_NAME = "http";
    /** The gRPC increment API, on the port of the system it replaces. */
    public static final int GRPC_PORT = 50055;

    public static final String GRPC_PORT_NAME = "grpc";

    /** The root filesystem is read-only; the JVM still needs a writable temp directory. */
    static final String TMP_VOLUME = "tmp";

    private CounterContainer() {}

    /**
     * @param defaultImage the image when the spec names none
     */
    public static Container of(CounterApp app, String defaultImage) {
        CounterAppSpec spec = app.getSpec();
        return new ContainerBuilder()
                .withName(NAME)
                .withImage(CounterImage.of(spec, defaultImage))
                .withImagePullPolicy(
                        spec.getImagePullPolicy() == null ? null : spec.getImagePullPolicy().name())
                .withEnv(environment(app))
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName(Names.configMap(app))
                .endConfigMapRef()
                .endEnvFrom()
                .addNewPort()
                .withName(HTTP_PORT_NAME)
                .withContainerPort(HTTP_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName(GRPC_PORT_NAME)
                .withContainerPort(GRPC_PORT)
                .withProtocol("TCP")
                .endPort()
                .withLivenessProbe(Probes.liveness())
                .withReadinessProbe(Probes.readiness())
                .withLifecycle(Rollouts.preStopPause())
                .withResources(ContainerResources.of(spec))
                .withSecurityContext(PodSecurity.restrictedContainer())
                .addNewVolumeMount()
                .withName(TMP_VOLUME)
                .withMountPath("/tmp")
                .endVolumeMount()
                .addAllToVolumeMounts(
                        EtcdTls.counterSecret(app).map(name -> List.of(EtcdTls.mount())).orElse(List.of()))
                .build();
    }

    public static Volume tmpVolume() {
        return new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build();
    }

    /**
     * The ports, the pod's identity from the downward API and, for Redis with a password, the
     * variables that must not be in the ConfigMap.
     */
    private static List<EnvVar> environment(CounterApp app) {
        var env = new ArrayList<EnvVar>();
        env.add(EnvVars.value("PORT", String.valueOf(HTTP_PORT)));
        // explicit although it is the service's default: the pod spec says what it listens on
        env.add(EnvVars.value("GRPC_PORT", String.valueOf(GRPC_PORT)));
        env.add(EnvVars.fieldRef("MY_POD_NAME", "metadata.name"));
        env.add(EnvVars.fieldRef("MY_NODE_NAME", "spec.nodeName"));
        env.add(EnvVars.fieldRef("MY_POD_NAMESPACE", "metadata.namespace"));
        env.addAll(RedisConnection.counterEnvironment(app));
        EtcdTls.counterSecret(app).ifPresent(name -> env.addAll(EtcdTls.counterEnv()));
        return env;
    }
}
