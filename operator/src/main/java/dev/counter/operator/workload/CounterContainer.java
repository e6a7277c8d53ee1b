package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;

/** The counter-app container of the Deployment's pod template. */
public final class CounterContainer {

  public static final String NAME = "counter";
  public static final int HTTP_PORT = 8080;
  public static final String HTTP_PORT_NAME = "http";

  /** The root filesystem is read-only; the JVM still needs a writable temp directory. */
  static final String TMP_VOLUME = "tmp";

  private CounterContainer() {}

  public static Container of(CounterApp app) {
    CounterAppSpec spec = app.getSpec();
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(CounterImage.of(spec))
        .withImagePullPolicy(
            spec.getImagePullPolicy() == null ? null : spec.getImagePullPolicy().name())
        .withEnv(environment())
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
        .withLivenessProbe(Probes.liveness())
        .withReadinessProbe(Probes.readiness())
        .withResources(ContainerResources.of(spec))
        .withSecurityContext(PodSecurity.restrictedContainer())
        .addNewVolumeMount()
        .withName(TMP_VOLUME)
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  public static Volume tmpVolume() {
    return new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build();
  }

  /** Settings that do not depend on the spec, plus the pod's identity from the downward API. */
  private static List<EnvVar> environment() {
    return List.of(
        new EnvVarBuilder().withName("PORT").withValue(String.valueOf(HTTP_PORT)).build(),
        fieldRef("MY_POD_NAME", "metadata.name"),
        fieldRef("MY_NODE_NAME", "spec.nodeName"),
        fieldRef("MY_POD_NAMESPACE", "metadata.namespace"));
  }

  private static EnvVar fieldRef(String name, String fieldPath) {
    // apiVersion is what the API server would default; stating it keeps desired == actual.
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withApiVersion("v1")
        .withFieldPath(fieldPath)
        .endFieldRef()
        .endValueFrom()
        .build();
  }
}
