package dev.counter.operator;

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
import dev.counter.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A memory CounterApp with more than one replica is refused and nothing in the cluster changes. The
 * mock API has no CEL, which is exactly the situation of a CounterApp stored under an older CRD.
 */
class RefusalTest {

    private static OperatorHarness harness;
    private static KubernetesClient client;

    @BeforeAll
    static void startOperator() {
        harness = OperatorHarness.start();
        client = harness.cluster().client();
    }

    @AfterAll
    static void stopOperator() {
        harness.close();
    }

    @Test
    void scalingAMemoryCounterAppIsRefusedAndTheWorkloadStaysAsItWas() {
        client.resource(CounterApps.newApp("solo", Backend.MEMORY)).create();
        Await.until("deployment", () -> deployment("solo") != null);
        DeploymentStatuses.write(
                client, "solo", generation -> DeploymentStatuses.rolledOut(generation, 1));
        Await.until("ready", () -> phase("solo") == Phase.Ready);
        Deployment before = deployment("solo");
        String configMapVersion =
                resourceVersion(
                        client.configMaps()
                                .inNamespace(CounterApps.NAMESPACE)
                                .withName("solo-config")
                                .get());
        String serviceVersion =
                resourceVersion(
                        client.services()
                                .inNamespace(CounterApps.NAMESPACE)
                                .withName("solo")
                                .get());
        int mark = harness.cluster().requests().count();

        CounterApp scaled =
                CounterApps.edit(
                        client,
                        "solo",
                        app -> {
                            app.getSpec().setReplicas(3);
                            app.getSpec().setImage("registry.example/counter:next");
                        });

        Await.untilAsserted(
                () -> {
                    CounterApp app = counterApp("solo");
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
                () -> Events.exists(client, "solo", "Warning", "MultiReplicaMemory"));

        Deployment after = deployment("solo");
        assertThat(after.getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getSpec()).isEqualTo(before.getSpec());
        assertThat(
                        resourceVersion(
                                client.configMaps()
                                        .inNamespace(CounterApps.NAMESPACE)
                                        .withName("solo-config")
                                        .get()))
                .isEqualTo(configMapVersion);
        assertThat(
                        resourceVersion(
                                client.services()
                                        .inNamespace(CounterApps.NAMESPACE)
                                        .withName("solo")
                                        .get()))
                .isEqualTo(serviceVersion);
        // the last good state keeps serving and is still reported
        assertThat(counterApp("solo").getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(harness.cluster().requests().writesSince(mark))
                .noneMatch(
                        request ->
                                request.path().contains("/deployments")
                                        || request.path().contains("/services")
                                        || request.path().contains("/configmaps"));

        CounterApps.edit(client, "solo", app -> app.getSpec().setReplicas(1));

        Await.untilAsserted(
                () -> {
                    assertThat(
                                    counterApp("solo")
                                            .getStatus()
                                            .condition(ConditionTypes.VALID)
                                            .orElseThrow()
                                            .isTrue())
                            .isTrue();
                    // the change held back while invalid is applied now
                    assertThat(
                                    deployment("solo")
                                            .getSpec()
                                            .getTemplate()
                                            .getSpec()
                                            .getContainers()
                                            .get(0)
                                            .getImage())
                            .isEqualTo("registry.example/counter:next");
                });
        DeploymentStatuses.write(
                client, "solo", generation -> DeploymentStatuses.rolledOut(generation, 1));
        Await.until("ready again", () -> phase("solo") == Phase.Ready);
        assertThat(Events.exists(client, "solo", "Normal", "SpecValid")).isTrue();
    }

    @Test
    void aMemoryCounterAppCreatedWithThreeReplicasGetsNoWorkloadAtAll() {
        CounterApp app = CounterApps.newApp("crowd", Backend.MEMORY);
        app.getSpec().setReplicas(3);
        client.resource(app).create();

        Await.until("invalid", () -> phase("crowd") == Phase.Invalid);
        Await.until(
                "warning event",
                () -> Events.exists(client, "crowd", "Warning", "MultiReplicaMemory"));
        assertThat(deployment("crowd")).isNull();
        assertThat(
                        client.configMaps()
                                .inNamespace(CounterApps.NAMESPACE)
                                .withName("crowd-config")
                                .get())
                .isNull();
        assertThat(client.services().inNamespace(CounterApps.NAMESPACE).withName("crowd").get())
                .isNull();
    }

    private static Phase phase(String name) {
        CounterApp app = counterApp(name);
        return app == null || app.getStatus() == null ? null : app.getStatus().getPhase();
    }

    private static CounterApp counterApp(String name) {
        return client.resources(CounterApp.class)
                .inNamespace(CounterApps.NAMESPACE)
                .withName(name)
                .get();
    }

    private static Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(CounterApps.NAMESPACE).withName(name).get();
    }

    private static String resourceVersion(io.fabric8.kubernetes.api.model.HasMetadata resource) {
        return resource.getMetadata().getResourceVersion();
    }
}
