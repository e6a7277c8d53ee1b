package dev.counter.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.Phase;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.status.Reasons;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When the API server rejects a dependent, the CounterApp says so instead of failing silently. */
class FailureReportingTest {

    private static final String REJECTION =
            "Deployment.apps \"rejected\" is invalid: spec.template.spec.containers[0].image:"
                + " Required value";

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @BeforeAll
    static void startOperator() {
        operator.harness()
                .cluster()
                .server()
                .expect()
                .post()
                .withPath("/apis/apps/v1/namespaces/" + CounterApps.NAMESPACE + "/deployments")
                .andReturn(
                        422,
                        new StatusBuilder()
                                .withCode(422)
                                .withReason("Invalid")
                                .withMessage(REJECTION)
                                .build())
                .always();
    }

    @Test
    void aRejectedDeploymentMakesTheCounterAppDegradedWithTheApiServersMessage() {
        operator.client().resource(CounterApps.newApp("rejected", Backend.MEMORY)).create();

        Await.untilAsserted(
                () -> {
                    CounterApp app =
                            operator.client()
                                    .resources(CounterApp.class)
                                    .inNamespace(CounterApps.NAMESPACE)
                                    .withName("rejected")
                                    .get();
                    assertThat(app.getStatus()).isNotNull();
                    assertThat(app.getStatus().getPhase()).isEqualTo(Phase.Degraded);
                    Condition degraded =
                            app.getStatus().condition(ConditionTypes.DEGRADED).orElseThrow();
                    assertThat(degraded.getReason()).isEqualTo(Reasons.RECONCILE_FAILED);
                    assertThat(degraded.getMessage()).isEqualTo("deployment: " + REJECTION);
                    assertThat(
                                    app.getStatus()
                                            .condition(ConditionTypes.VALID)
                                            .orElseThrow()
                                            .isTrue())
                            .isTrue();
                });
        Await.until(
                "warning event",
                () ->
                        Events.exists(
                                operator.client(),
                                "rejected",
                                "Warning",
                                Reasons.RECONCILE_FAILED));
        // the dependents before the failed one were still applied
        assertThat(
                        operator.client()
                                .configMaps()
                                .inNamespace(CounterApps.NAMESPACE)
                                .withName("rejected-config")
                                .get())
                .isNotNull();
    }
}
