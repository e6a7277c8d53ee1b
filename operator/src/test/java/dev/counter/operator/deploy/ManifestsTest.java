package dev.counter.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.OperatorVersion;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.CounterImage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML file the project ships parses into fabric8 model objects with no unknown field, so a
 * typo fails the build instead of a {@code kubectl apply}; the kustomization wires what exists.
 */
class ManifestsTest {

    static Stream<Path> yamlFiles() throws IOException {
        return Stream.of("operator/deploy", "operator/deploy/monitoring", "samples", "crds")
                .map(Manifests.ROOT::resolve)
                .flatMap(
                        dir -> {
                            try {
                                return Files.list(dir).sorted();
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .filter(p -> p.toString().matches(".*\\.ya?ml"))
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"));
    }

    @ParameterizedTest
    @MethodSource("yamlFiles")
    void parsesIntoModelObjectsWithoutUnknownFields(Path file) {
        assertThat(Manifests.load(file)).as(file.toString()).isNotEmpty();
    }

    @Test
    void everySampleIsACounterApp() throws IOException {
        try (Stream<Path> samples = Files.list(Manifests.ROOT.resolve("samples"))) {
            assertThat(samples.filter(p -> p.toString().endsWith(".yaml")))
                    .allSatisfy(
                            p ->
                                    assertThat(Manifests.load(p))
                                            .singleElement()
                                            .isInstanceOf(CounterApp.class));
        }
    }

    @Test
    void theKustomizationListsExistingFilesAndEveryFileIsListed() throws IOException {
        Path deploy = Manifests.ROOT.resolve("operator/deploy");
        List<String> resources = kustomizationResources(deploy);
        for (String resource : resources) {
            Path target = deploy.resolve(resource).normalize();
            assertThat(target).as(resource).exists();
            if (Files.isDirectory(target)) {
                for (String nested : kustomizationResources(target)) {
                    assertThat(target.resolve(nested)).as(nested).exists();
                }
            }
        }
        assertEveryManifestIsListed(deploy, resources);
        assertThat(resources).as("the CRD comes with the operator").contains("../../crds");
    }

    /**
     * The operator's own monitoring is a kustomization of its own (make deploy-monitoring): it
     * needs the Prometheus Operator's CRDs, which make deploy must not require.
     */
    @Test
    void theMonitoringKustomizationListsEveryFileAndTheOperatorsServiceMonitorSelectsItsService()
            throws IOException {
        Path monitoring = Manifests.ROOT.resolve("operator/deploy/monitoring");
        List<String> resources = kustomizationResources(monitoring);
        resources.forEach(resource -> assertThat(monitoring.resolve(resource)).exists());
        assertEveryManifestIsListed(monitoring, resources);
        assertThat(kustomizationResources(Manifests.ROOT.resolve("operator/deploy")))
                .doesNotContain("monitoring");

        var monitor =
                (ServiceMonitor) Manifests.load(monitoring.resolve("servicemonitor.yaml")).get(0);
        var service =
                (Service)
                        Manifests.load(Manifests.ROOT.resolve("operator/deploy/metrics-service.yaml"))
                                .get(0);
        assertThat(monitor.getMetadata().getNamespace())
                .isEqualTo(service.getMetadata().getNamespace());
        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getEndpoints())
                .singleElement()
                .satisfies(
                        endpoint -> {
                            assertThat(service.getSpec().getPorts())
                                    .extracting(ServicePort::getName)
                                    .contains(endpoint.getPort());
                            assertThat(endpoint.getPath()).isEqualTo("/metrics");
                        });
    }

    private static void assertEveryManifestIsListed(Path dir, List<String> resources)
            throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(
                            files.map(p -> p.getFileName().toString())
                                    .filter(
                                            name ->
                                                    name.endsWith(".yaml")
                                                            && !name.equals("kustomization.yaml")))
                    .as("every manifest in %s is applied", dir)
                    .allSatisfy(name -> assertThat(resources).contains(name));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> kustomizationResources(Path dir) throws IOException {
        Map<String, Object> kustomization =
                Serialization.unmarshal(
                        Files.readString(dir.resolve("kustomization.yaml")), Map.class);
        return (List<String>) kustomization.get("resources");
    }

    @Test
    void theOperatorImageTagIsTheProjectVersion() {
        List<HasMetadata> objects =
                Manifests.load(Manifests.ROOT.resolve("operator/deploy/deployment.yaml"));
        Deployment deployment = (Deployment) objects.get(0);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(
                        "ghcr.io/counter-operator/counter-operator:" + OperatorVersion.current());
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(
                        env -> {
                            assertThat(env.getName()).isEqualTo("COUNTER_APP_IMAGE");
                            assertThat(env.getValue()).isEqualTo(CounterImage.bundled());
                        });
    }
}
