package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.CounterAppSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import org.junit.jupiter.api.Test;

class ContainerResourcesTest {

    @Test
    void defaultsToTheDocumentedRequestsAndLimits() {
        ResourceRequirements resources = ContainerResources.of(new CounterAppSpec());
        assertThat(resources.getRequests())
                .containsEntry("cpu", new Quantity("100m"))
                .containsEntry("memory", new Quantity("128Mi"));
        assertThat(resources.getLimits())
                .containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("256Mi"));
    }

    @Test
    void userQuantitiesAreWrittenInCanonicalForm() {
        var spec = new CounterAppSpec();
        spec.setResources(
                new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("0.25"))
                        .addToLimits("cpu", new Quantity("1000m"))
                        .addToLimits("memory", new Quantity("2048Mi"))
                        .build());
        ResourceRequirements resources = ContainerResources.of(spec);
        assertThat(resources.getRequests().get("cpu").toString()).isEqualTo("250m");
        assertThat(resources.getLimits().get("cpu").toString()).isEqualTo("1");
        assertThat(resources.getLimits().get("memory").toString()).isEqualTo("2Gi");
    }

    @Test
    void anEmptySectionIsOmittedAsTheApiServerDoes() {
        var spec = new CounterAppSpec();
        spec.setResources(
                new ResourceRequirementsBuilder()
                        .addToLimits("memory", new Quantity("1Gi"))
                        .build());
        assertThat(ContainerResources.of(spec).getRequests()).isNull();
    }
}
