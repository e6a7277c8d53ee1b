package dev.counter.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.Phase;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.testing.OperatorHarness;
import dev.counter.operator.testing.RecordingDispatcher.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once converged, a reconcile reads the caches and writes nothing: no PUT, PATCH, POST or DELETE.
 */
class SteadyStateTest {

    private static OperatorHarness harness;
    private static KubernetesClient client;

    @BeforeAll
    static void convergeTwoCounterApps() {
        harness = OperatorHarness.start();
        client = harness.cluster().client();

        CounterApp exposed = CounterApps.newApp("exposed", Backend.MEMORY);
        exposed.getSpec().getIngress().setEnabled(true);
        exposed.getSpec().getIngress().setHost("counter.example.com");
        client.resource(exposed).create();
        CounterApp invalid = CounterApps.newApp("invalid", Backend.MEMORY);
        invalid.getSpec().setReplicas(2);
        client.resource(invalid).create();

        Await.until(
                "deployment",
                () ->
                        client.apps()
                                        .deployments()
                                        .inNamespace(CounterApps.NAMESPACE)
                                        .withName("exposed")
                                        .get()
                                != null);
        DeploymentStatuses.write(
                client, "exposed", generation -> DeploymentStatuses.rolledOut(generation, 1));
        Await.until("exposed ready", () -> phase("exposed") == Phase.Ready);
        Await.until("invalid refused", () -> phase("invalid") == Phase.Invalid);
        Await.until("operator idle", harness::idle);
    }

    @AfterAll
    static void stopOperator() {
        harness.close();
    }

    @Test
    void reconcilingAConvergedCounterAppWritesNothing() {
        assertNoWritesWhenReconcileIsTriggeredBy(
                "exposed",
                client.apps().deployments().inNamespace(CounterApps.NAMESPACE).withName("exposed"));
        assertNoWritesWhenReconcileIsTriggeredBy(
                "exposed",
                client.services().inNamespace(CounterApps.NAMESPACE).withName("exposed"));
        assertNoWritesWhenReconcileIsTriggeredBy(
                "exposed",
                client.network()
                        .v1()
                        .ingresses()
                        .inNamespace(CounterApps.NAMESPACE)
                        .withName("exposed"));
    }

    @Test
    void reconcilingARefusedCounterAppWritesNothingEither() {
        // a refused CounterApp owns no objects; a metadata-only change of it does not reach the
        // reconciler (generation-aware filtering), so an unchanged spec update is the trigger
        int mark = harness.cluster().requests().count();
        double before = harness.reconciliations();
        CounterApps.edit(client, "invalid", app -> app.getSpec().setReplicas(3));
        Await.until("reconciled", () -> harness.reconciliations() > before && harness.idle());

        List<Request> writes = operatorWritesSince(mark, "/counterapps/invalid");
        // the new generation must be reported: exactly one status patch, no events, nothing else
        assertThat(writes)
                .singleElement()
                .satisfies(r -> assertThat(r.path()).endsWith("/counterapps/invalid/status"));
    }

    /**
     * Touches a label of a dependent, which makes JOSDK reconcile the owner, as a periodic resync
     * would; then checks that the operator wrote nothing.
     */
    private static void assertNoWritesWhenReconcileIsTriggeredBy(
            String owner, Resource<? extends HasMetadata> dependent) {
        int mark = harness.cluster().requests().count();
        double before = harness.reconciliations();
        String touchPath = touch(dependent);

        Await.until("reconciled", () -> harness.reconciliations() > before && harness.idle());

        assertThat(operatorWritesSince(mark, touchPath))
                .as("writes by a reconcile of converged %s", owner)
                .isEmpty();
        assertThat(phase(owner)).isEqualTo(Phase.Ready);
    }

    private static String touch(Resource<? extends HasMetadata> dependent) {
        HasMetadata touched =
                dependent.edit(
                        object -> {
                            object.getMetadata()
                                    .getLabels()
                                    .put("touched-by-test", String.valueOf(System.nanoTime()));
                            return object;
                        });
        return "/"
                + HasMetadata.getPlural(touched.getClass())
                + "/"
                + touched.getMetadata().getName();
    }

    /** Writes since {@code mark}, without the test's own write to {@code testPath}. */
    private static List<Request> operatorWritesSince(int mark, String testPath) {
        return harness.cluster().requests().writesSince(mark).stream()
                .filter(
                        request ->
                                !(request.path().endsWith(testPath)
                                        && !request.path().endsWith("/status")))
                .toList();
    }

    private static Phase phase(String name) {
        CounterApp app =
                client.resources(CounterApp.class)
                        .inNamespace(CounterApps.NAMESPACE)
                        .withName(name)
                        .get();
        return app == null || app.getStatus() == null ? null : app.getStatus().getPhase();
    }
}
