package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.Phase;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.status.Reasons;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CounterApp's status follows the Deployment as its controller reports it. */
class StatusReportingTest {

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @Test
    void statusFollowsTheDeploymentThroughRolloutReadinessAndFailures() {
        CounterApp app = CounterApps.newApp("tracked", Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setEndpoints(List.of("http://etcd-0:2379", "http://etcd-1:2379"));
        app.getSpec().setEtcd(etcd);
        app.getSpec().setReplicas(3);
        operator.client().resource(app).create();

        CounterAppStatus pending = awaitPhase("tracked", Phase.Pending);
        assertThat(pending.getObservedGeneration()).isEqualTo(1L);
        assertThat(pending.getSelector())
                .isEqualTo("app.kubernetes.io/instance=tracked,app.kubernetes.io/name=counter-app");
        assertThat(pending.getEndpoint()).isEqualTo("http://tracked.counters.svc:80");
        assertThat(pending.getConditions())
                .extracting(Condition::getType)
                .containsExactly(
                        ConditionTypes.VALID,
                        ConditionTypes.READY,
                        ConditionTypes.PROGRESSING,
                        ConditionTypes.DEGRADED);
        assertThat(pending.getConditions())
                .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));
        assertThat(condition(pending, ConditionTypes.READY).getReason())
                .isEqualTo(Reasons.DEPLOYMENT_NOT_OBSERVED);

        CounterAppStatus progressing =
                fake("tracked", g -> DeploymentStatuses.rollingOut(g, 3, 1), Phase.Progressing);
        assertThat(progressing.getReadyReplicas()).isEqualTo(1);
        assertThat(progressing.getReplicas()).isEqualTo(3);
        assertThat(condition(progressing, ConditionTypes.READY).isTrue()).isFalse();
        assertThat(condition(progressing, ConditionTypes.PROGRESSING).isTrue()).isTrue();

        CounterAppStatus ready =
                fake("tracked", g -> DeploymentStatuses.rolledOut(g, 3), Phase.Ready);
        assertThat(ready.getReadyReplicas()).isEqualTo(3);
        assertThat(condition(ready, ConditionTypes.READY).getReason())
                .isEqualTo(Reasons.ALL_REPLICAS_READY);
        assertThat(condition(ready, ConditionTypes.PROGRESSING).isTrue()).isFalse();
        assertThat(condition(ready, ConditionTypes.DEGRADED).isTrue()).isFalse();
        Await.until(
                "ready event",
                () ->
                        Events.exists(
                                operator.client(),
                                "tracked",
                                "Normal",
                                Reasons.ALL_REPLICAS_READY));

        CounterAppStatus crashing =
                fake(
                        "tracked",
                        g -> DeploymentStatuses.podsFailing(g, 3, 2),
                        Reasons.REPLICAS_UNAVAILABLE);
        assertThat(crashing.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(crashing.getReadyReplicas()).isEqualTo(2);
        Await.until(
                "degraded event",
                () ->
                        Events.exists(
                                operator.client(),
                                "tracked",
                                "Warning",
                                Reasons.REPLICAS_UNAVAILABLE));

        CounterAppStatus stuck =
                fake(
                        "tracked",
                        g -> DeploymentStatuses.deadlineExceeded(g, 3),
                        Reasons.PROGRESS_DEADLINE_EXCEEDED);
        assertThat(stuck.getPhase()).isEqualTo(Phase.Degraded);

        CounterAppStatus quota =
                fake(
                        "tracked",
                        g -> DeploymentStatuses.replicaFailure(g, 3),
                        Reasons.REPLICA_FAILURE);
        assertThat(quota.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(condition(quota, ConditionTypes.DEGRADED).getMessage())
                .contains("exceeded quota");

        CounterAppStatus recovered =
                fake("tracked", g -> DeploymentStatuses.rolledOut(g, 3), Phase.Ready);
        assertThat(condition(recovered, ConditionTypes.DEGRADED).isTrue()).isFalse();
    }

    @Test
    void everyStatusWriteCarriesTheGenerationItWasComputedFor() {
        operator.client().resource(CounterApps.newApp("generations", Backend.MEMORY)).create();
        fake("generations", g -> DeploymentStatuses.rolledOut(g, 1), Phase.Ready);
        String validSince =
                condition(status("generations"), ConditionTypes.VALID).getLastTransitionTime();

        CounterApp scaledDown =
                CounterApps.edit(
                        operator.client(), "generations", app -> app.getSpec().setReplicas(0));
        long generation = scaledDown.getMetadata().getGeneration();

        Await.untilAsserted(
                () -> {
                    CounterAppStatus status = status("generations");
                    assertThat(status.getObservedGeneration()).isEqualTo(generation);
                    assertThat(status.getConditions())
                            .allSatisfy(
                                    c ->
                                            assertThat(c.getObservedGeneration())
                                                    .isEqualTo(generation));
                });
        // Valid stayed True, so its transition time is kept
        assertThat(condition(status("generations"), ConditionTypes.VALID).getLastTransitionTime())
                .isEqualTo(validSince);
    }

    /** Writes a Deployment status and waits until the CounterApp is degraded for that reason. */
    private static CounterAppStatus fake(
            String name, LongFunction<DeploymentStatus> status, String degradedReason) {
        DeploymentStatuses.write(operator.client(), name, status);
        Await.until(
                name + " degraded: " + degradedReason,
                () ->
                        status(name) != null
                                && degradedReason.equals(
                                        condition(status(name), ConditionTypes.DEGRADED)
                                                .getReason()));
        return status(name);
    }

    /**
     * Writes a Deployment status and waits until the CounterApp reaches {@code expected}; each call
     * must expect another phase than the current one, or it would not wait for the operator.
     */
    private static CounterAppStatus fake(
            String name, LongFunction<DeploymentStatus> status, Phase expected) {
        Await.until("deployment " + name, () -> deployment(operator.client(), name) != null);
        DeploymentStatuses.write(operator.client(), name, status);
        return awaitPhase(name, expected);
    }

    private static CounterAppStatus awaitPhase(String name, Phase phase) {
        Await.until(
                name + " " + phase, () -> status(name) != null && status(name).getPhase() == phase);
        return status(name);
    }

    private static CounterAppStatus status(String name) {
        CounterApp app = CounterApps.get(operator.client(), name);
        return app == null ? null : app.getStatus();
    }

    private static Condition condition(CounterAppStatus status, String type) {
        return status.condition(type).orElseThrow();
    }
}
