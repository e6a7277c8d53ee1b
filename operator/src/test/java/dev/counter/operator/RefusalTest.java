package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.deployment;
import static dev.counter.operator.testing.Lookups.phase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.Phase;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A memory CounterApp with more than one replica is refused and nothing in the cluster changes. The
 * mock API has no CEL, which is exactly the situation of a CounterApp stored under an older CRD.
 */
class RefusalTest {

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @Test
    void scalingAMemoryCounterAppIsRefusedAndTheWorkloadStaysAsItWas() {
        operator.client().resource(CounterApps.newApp("solo", Backend.MEMORY)).create();
        Await.until("deployment", () -> deployment(operator.client(), "solo") != null);
        DeploymentStatuses.write(
                operator.client(),
                "solo",
                generation -> DeploymentStatuses.rolledOut(generation, 1));
        Await.until("ready", () -> phase(operator.client(), "solo") == Phase.Ready);
        Deployment before = deployment(operator.client(), "solo");
        String configMapVersion =
                resourceVersion(
                        operator.client()
                                .configMaps()
                                .inNamespace(CounterApps.NAMESPACE)
                                .withName("solo-config")
                                .get());
        String serviceVersion =
                resourceVersion(
                        operator.client()
                                .services()
                                .inNamespace(CounterApps.NAMESPACE)
                                .withName("solo")
                                .get());
        int mark = operator.harness().cluster().requests().count();

        CounterApp scaled =
                CounterApps.edit(
                        operator.client(),
                        "solo",
                        app -> {
                            app.getSpec().setReplicas(3);
                            app.getSpec().setImage("registry.example/counter:next");
                        });

        Await.untilAsserted(
                () -> {
                    CounterApp app = CounterApps.get(operator.client(), "solo");
                    assertThat(app.getStatus().getObservedGeneration())
                            .isEqualTo(scaled.getMetadata().getGeneration());
                    assertThat(app.getStatus().getPhase()).isEqualTo(Phase.Invalid);
                    assertThat(app.getStatus().condition(ConditionTypes.VALID))
                            .hasValueSatisfying(
                                    valid -> {
                                        assertThat(valid.getStatus()).isEqualTo("False");
                                        assertThat(valid.getReason())
                                                .isEqualTo("MultiReplicaMemory");
                                        assertThat(valid.getMessage())
                                                .contains(CounterAppSpec.MEMORY_REPLICAS_MESSAGE);
                                    });
                });
        Await.until(
                "warning event",
                () -> Events.exists(operator.client(), "solo", "Warning", "MultiReplicaMemory"));

        Deployment after = deployment(operator.client(), "solo");
        assertThat(after.getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getSpec()).isEqualTo(before.getSpec());
        assertThat(
                        resourceVersion(
                                operator.client()
                                        .configMaps()
                                        .inNamespace(CounterApps.NAMESPACE)
                                        .withName("solo-config")
                                        .get()))
                .isEqualTo(configMapVersion);
        assertThat(
                        resourceVersion(
                                operator.client()
                                        .services()
                                        .inNamespace(CounterApps.NAMESPACE)
                                        .withName("solo")
                                        .get()))
                .isEqualTo(serviceVersion);
        // the last good state keeps serving and is still reported
        assertThat(CounterApps.get(operator.client(), "solo").getStatus().getReadyReplicas())
                .isEqualTo(1);
        assertThat(operator.harness().cluster().requests().writesSince(mark))
                .noneMatch(
                        request ->
                                request.path().contains("/deployments")
                                        || request.path().contains("/services")
                                        || request.path().contains("/configmaps"));

        CounterApps.edit(operator.client(), "solo", app -> app.getSpec().setReplicas(1));

        Await.untilAsserted(
                () -> {
                    assertThat(
                                    CounterApps.get(operator.client(), "solo")
                                            .getStatus()
                                            .condition(ConditionTypes.VALID)
                                            .orElseThrow()
                                            .isTrue())
                            .isTrue();
                    // the change held back while invalid is applied now
                    assertThat(
                                    deployment(operator.client(), "solo")
                                            .getSpec()
                                            .getTemplate()
                                            .getSpec()
                                            .getContainers()
                                            .get(0)
                                            .getImage())
                            .isEqualTo("registry.example/counter:next");
                });
        DeploymentStatuses.write(
                operator.client(),
                "solo",
                generation -> DeploymentStatuses.rolledOut(generation, 1));
        Await.until("ready again", () -> phase(operator.client(), "solo") == Phase.Ready);
        assertThat(Events.exists(operator.client(), "solo", "Normal", "SpecValid")).isTrue();
    }

    @Test
    void aMemoryCounterAppCreatedWithThreeReplicasGetsNoWorkloadAtAll() {
        CounterApp app = CounterApps.newApp("crowd", Backend.MEMORY);
        app.getSpec().setReplicas(3);
        operator.client().resource(app).create();

        Await.until("invalid", () -> phase(operator.client(), "crowd") == Phase.Invalid);
        Await.until(
                "warning event",
                () -> Events.exists(operator.client(), "crowd", "Warning", "MultiReplicaMemory"));
        assertThat(deployment(operator.client(), "crowd")).isNull();
        assertThat(
                        operator.client()
                                .configMaps()
                                .inNamespace(CounterApps.NAMESPACE)
                                .withName("crowd-config")
                                .get())
                .isNull();
        assertThat(
                        operator.client()
                                .services()
                                .inNamespace(CounterApps.NAMESPACE)
                                .withName("crowd")
                                .get())
                .isNull();
    }

    private static String resourceVersion(io.fabric8.kubernetes.api.model.HasMetadata resource) {
        return resource.getMetadata().getResourceVersion();
    }
}
