package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.EtcdTlsSpec;
import dev.counter.operator.model.ImagePullPolicy;
import dev.counter.operator.model.Strategy;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.workload.CounterImage;
import dev.counter.operator.workload.EtcdTls;
import dev.counter.operator.workload.PodSecurity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentDependentTest {

    private final DeploymentDependent dependent = new DeploymentDependent();

    @Test
    void runsTheBundledImageWithTheSpecsReplicas() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        Deployment deployment = dependent.desired(app, CounterImage.bundled());

        assertThat(deployment.getMetadata().getName()).isEqualTo("hits");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        Container container = container(deployment);
        assertThat(container.getImage()).isEqualTo(CounterImage.bundled());
        assertThat(container.getImagePullPolicy()).isNull();

        app.getSpec().setImagePullPolicy(ImagePullPolicy.Always);
        assertThat(container(dependent.desired(app, CounterImage.bundled())).getImagePullPolicy())
                .isEqualTo("Always");
    }

    @Test
    void containerGetsPortEnvironmentAndDownwardApi() {
        Container container =
                container(dependent.desired(CounterApps.stored("hits", Backend.MEMORY), CounterImage.bundled()));

        assertThat(container.getPorts())
                .extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("http:8080", "grpc:50055");
        assertThat(container.getEnv())
                .extracting(EnvVar::getName)
                .containsExactly(
                        "PORT", "GRPC_PORT", "MY_POD_NAME", "MY_NODE_NAME", "MY_POD_NAMESPACE");
        assertThat(container.getEnv().get(0).getValue()).isEqualTo("8080");
        assertThat(container.getEnv().get(1).getValue()).isEqualTo("50055");
        assertThat(container.getEnv())
                .extracting(
                        e ->
                                e.getValueFrom() == null
                                        ? null
                                        : e.getValueFrom().getFieldRef().getFieldPath())
                .containsExactly(null, null, "metadata.name", "spec.nodeName", "metadata.namespace");
        assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName())
                .isEqualTo("hits-config");
    }

    @Test
    void probesUseTheHealthEndpointsOnTheNamedPort() {
        Container container =
                container(dependent.desired(CounterApps.stored("hits", Backend.MEMORY), CounterImage.bundled()));

        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
    }

    @Test
    void meetsTheRestrictedPodSecurityStandard() {
        Deployment deployment = dependent.desired(CounterApps.stored("hits", Backend.MEMORY), CounterImage.bundled());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        SecurityContext container = container(deployment).getSecurityContext();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                .isEqualTo("RuntimeDefault");
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        // with a read-only root filesystem the JVM still needs a writable /tmp
        assertThat(container(deployment).getVolumeMounts())
                .singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes())
                .singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    @Test
    void resourcesComeFromTheSpecInCanonicalForm() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        app.getSpec()
                .setResources(
                        new ResourceRequirementsBuilder()
                                .addToLimits("cpu", new Quantity("1000m"))
                                .build());
        assertThat(
                        container(dependent.desired(app, CounterImage.bundled()))
                                .getResources()
                                .getLimits()
                                .get("cpu")
                                .toString())
                .isEqualTo("1");
    }

    @Test
    void selectorIsStableWhilePodLabelsAreComplete() {
        Deployment deployment = dependent.desired(CounterApps.stored("hits", Backend.MEMORY), CounterImage.bundled());
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
                .containsKeys(
                        "app.kubernetes.io/component",
                        "app.kubernetes.io/managed-by",
                        "app.kubernetes.io/part-of");
    }

    /** Only an external etcd with etcd.tls gets the Secret, its variables and its annotations. */
    @Test
    void theEtcdTlsSecretIsMountedOnlyForExternalEtcdWithTls() {
        CounterApp plain = CounterApps.stored("plain", Backend.ETCD);
        plain.getSpec().setEtcd(new EtcdSpec());
        plain.getSpec().getEtcd().setEndpoints(List.of("http://etcd:2379"));
        Deployment deployment = dependent.desired(plain, CounterImage.bundled());
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .extracting(Volume::getName)
                .doesNotContain(EtcdTls.VOLUME);
        assertThat(container(deployment).getEnv()).extracting(EnvVar::getName).doesNotContain("ETCD_CA_FILE");
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup()).isNull();

        CounterApp tls = CounterApps.stored("tls", Backend.ETCD);
        tls.getSpec().setEtcd(new EtcdSpec());
        tls.getSpec().getEtcd().setEndpoints(List.of("https://etcd:2379"));
        tls.getSpec().getEtcd().setTls(new EtcdTlsSpec("tls-etcd"));
        Deployment withTls =
                dependent.desired(
                        tls, CounterImage.bundled(), Map.of(EtcdTls.CLIENT_CERT_ANNOTATION, "ab12"));
        assertThat(withTls.getSpec().getTemplate().getSpec().getVolumes())
                .extracting(Volume::getName)
                .containsExactly("tmp", EtcdTls.VOLUME);
        assertThat(container(withTls).getEnv())
                .extracting(EnvVar::getName)
                .contains("ETCD_CA_FILE", "ETCD_CERT_FILE", "ETCD_KEY_FILE");
        // the kubelet writes the Secret's files as root 0400 unless an fsGroup gives them to the pod
        assertThat(withTls.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup())
                .isEqualTo(PodSecurity.NON_ROOT_UID);
        assertThat(withTls.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
                .isTrue();
        assertThat(withTls.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(EtcdTls.CLIENT_CERT_ANNOTATION, "ab12")
                .containsKey(DeploymentDependent.CONFIG_HASH_ANNOTATION);
    }

    @Test
    void configHashFollowsTheConfigurationOnly() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        String hash = configHash(dependent.desired(app, CounterImage.bundled()));

        app.getSpec().setReplicas(0);
        app.getSpec().setImage("registry.example/counter:2");
        assertThat(configHash(dependent.desired(app, CounterImage.bundled()))).isEqualTo(hash);

        app.getSpec().setStrategy(Strategy.QUEUE);
        assertThat(configHash(dependent.desired(app, CounterImage.bundled()))).isNotEqualTo(hash);
    }

    private static String configHash(Deployment deployment) {
        return deployment
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(DeploymentDependent.CONFIG_HASH_ANNOTATION);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
