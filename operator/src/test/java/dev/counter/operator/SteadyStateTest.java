package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.deployment;
import static dev.counter.operator.testing.Lookups.phase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.Phase;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.testing.OperatorExtension;
import dev.counter.operator.testing.RecordingDispatcher.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once converged, a reconcile reads the caches and writes nothing: no PUT, PATCH, POST or DELETE.
 */
class SteadyStateTest {

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @BeforeAll
    static void convergeTwoCounterApps() {
        CounterApp exposed = CounterApps.newApp("exposed", Backend.MEMORY);
        exposed.getSpec().getIngress().setEnabled(true);
        exposed.getSpec().getIngress().setHost("counter.example.com");
        operator.client().resource(exposed).create();
        CounterApp invalid = CounterApps.newApp("invalid", Backend.MEMORY);
        invalid.getSpec().setReplicas(2);
        operator.client().resource(invalid).create();

        Await.until("deployment", () -> deployment(operator.client(), "exposed") != null);
        DeploymentStatuses.write(
                operator.client(),
                "exposed",
                generation -> DeploymentStatuses.rolledOut(generation, 1));
        Await.until("exposed ready", () -> phase(operator.client(), "exposed") == Phase.Ready);
        Await.until("invalid refused", () -> phase(operator.client(), "invalid") == Phase.Invalid);
        Await.until("operator idle", operator.harness()::idle);
    }

    @Test
    void reconcilingAConvergedCounterAppWritesNothing() {
        assertNoWritesWhenReconcileIsTriggeredBy(
                "exposed",
                operator.client()
                        .apps()
                        .deployments()
                        .inNamespace(CounterApps.NAMESPACE)
                        .withName("exposed"));
        assertNoWritesWhenReconcileIsTriggeredBy(
                "exposed",
                operator.client()
                        .services()
                        .inNamespace(CounterApps.NAMESPACE)
                        .withName("exposed"));
        assertNoWritesWhenReconcileIsTriggeredBy(
                "exposed",
                operator.client()
                        .network()
                        .v1()
                        .ingresses()
                        .inNamespace(CounterApps.NAMESPACE)
                        .withName("exposed"));
    }

    @Test
    void reconcilingARefusedCounterAppWritesNothingEither() {
        // a refused CounterApp owns no objects; a metadata-only change of it does not reach the
        // reconciler (generation-aware filtering), so an unchanged spec update is the trigger
        int mark = operator.harness().cluster().requests().count();
        double before = operator.harness().reconciliations();
        CounterApps.edit(operator.client(), "invalid", app -> app.getSpec().setReplicas(3));
        Await.until(
                "reconciled",
                () -> operator.harness().reconciliations() > before && operator.harness().idle());

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
        int mark = operator.harness().cluster().requests().count();
        double before = operator.harness().reconciliations();
        String touchPath = touch(dependent);

        Await.until(
                "reconciled",
                () -> operator.harness().reconciliations() > before && operator.harness().idle());

        assertThat(operatorWritesSince(mark, touchPath))
                .as("writes by a reconcile of converged %s", owner)
                .isEmpty();
        assertThat(phase(operator.client(), owner)).isEqualTo(Phase.Ready);
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
        return operator.harness().cluster().requests().writesSince(mark).stream()
                .filter(
                        request ->
                                !(request.path().endsWith(testPath)
                                        && !request.path().endsWith("/status")))
                .toList();
    }
}
