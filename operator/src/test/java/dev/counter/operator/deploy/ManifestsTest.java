package dev.counter.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.OperatorVersion;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.CounterImage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
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
        return Stream.of("operator/deploy", "samples", "crds")
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
        try (Stream<Path> files = Files.list(deploy)) {
            assertThat(
                            files.map(p -> p.getFileName().toString())
                                    .filter(
                                            name ->
                                                    name.endsWith(".yaml")
                                                            && !name.equals("kustomization.yaml")))
                    .as("every manifest in operator/deploy is applied")
                    .allSatisfy(name -> assertThat(resources).contains(name));
        }
        assertThat(resources).as("the CRD comes with the operator").contains("../../crds");
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
