package dev.counter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.etcd.MembershipReport;
import dev.counter.operator.etcd.MembershipStep;
import dev.counter.operator.model.Backend;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.Phase;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.validation.Violation;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.600Z");
    private static final Instant T1 = Instant.parse("2025-01-01T10:05:00Z");
    private static final Violation MULTI_REPLICA =
            new Violation("MultiReplicaMemory", "spec.replicas", "too many");

    private final StatusCalculator calculator = new StatusCalculator();

    @Test
    void reportsCountsSelectorEndpointAndGeneration() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        app.getMetadata().setGeneration(4L);
        CounterAppStatus status =
                calculator.compute(
                        app,
                        Observation.of(
                                List.of(),
                                deployment(DeploymentStatuses.rollingOut(1, 3, 2)),
                                service(8000)),
                        T0);

        assertThat(status.getObservedGeneration()).isEqualTo(4L);
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getSelector())
                .isEqualTo("app.kubernetes.io/instance=hits,app.kubernetes.io/name=counter-app");
        assertThat(status.getEndpoint()).isEqualTo("http://hits.counters.svc:8000");
        assertThat(status.getConditions())
                .allSatisfy(
                        c -> {
                            assertThat(c.getObservedGeneration()).isEqualTo(4L);
                            assertThat(c.getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
                        });
    }

    @Test
    void phaseFollowsTheMostUrgentCondition() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        assertThat(phase(app, List.of(), Optional.empty())).isEqualTo(Phase.Pending);
        assertThat(phase(app, List.of(), deployment(null))).isEqualTo(Phase.Pending);
        assertThat(phase(app, List.of(), deployment(DeploymentStatuses.rollingOut(1, 3, 1))))
                .isEqualTo(Phase.Progressing);
        assertThat(phase(app, List.of(), deployment(DeploymentStatuses.rolledOut(1, 3))))
                .isEqualTo(Phase.Ready);
        assertThat(phase(app, List.of(), deployment(DeploymentStatuses.podsFailing(1, 3, 1))))
                .isEqualTo(Phase.Degraded);
        assertThat(
                        phase(
                                app,
                                List.of(MULTI_REPLICA),
                                deployment(DeploymentStatuses.podsFailing(1, 3, 1))))
                .isEqualTo(Phase.Invalid);
    }

    @Test
    void invalidSpecNamesTheFirstReasonAndEveryMessage() {
        CounterAppStatus status =
                calculator.compute(
                        CounterApps.stored("hits", Backend.MEMORY),
                        Observation.of(
                                List.of(
                                        MULTI_REPLICA,
                                        new Violation(
                                                "IngressHostMissing",
                                                "spec.ingress.host",
                                                "no host")),
                                deployment(DeploymentStatuses.rolledOut(1, 1)),
                                Optional.empty()),
                        T0);
        Condition valid = status.condition(ConditionTypes.VALID).orElseThrow();
        assertThat(valid.isTrue()).isFalse();
        assertThat(valid.getReason()).isEqualTo("MultiReplicaMemory");
        assertThat(valid.getMessage()).isEqualTo("too many; no host");
        // the workload that keeps serving is still described
        assertThat(status.condition(ConditionTypes.READY).orElseThrow().isTrue()).isTrue();
        assertThat(status.getPhase()).isEqualTo(Phase.Invalid);
    }

    @Test
    void reconcileFailureMakesItDegraded() {
        CounterAppStatus status =
                calculator.compute(
                        CounterApps.stored("hits", Backend.MEMORY),
                        Observation.of(
                                        List.of(),
                                        deployment(DeploymentStatuses.rolledOut(1, 1)),
                                        Optional.empty())
                                .withFailure("deployment: forbidden"),
                        T0);
        Condition degraded = status.condition(ConditionTypes.DEGRADED).orElseThrow();
        assertThat(degraded.isTrue()).isTrue();
        assertThat(degraded.getReason()).isEqualTo(Reasons.RECONCILE_FAILED);
        assertThat(degraded.getMessage()).isEqualTo("deployment: forbidden");
        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    }

    @Test
    void lastTransitionTimeChangesOnlyWithTheConditionStatus() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        app.setStatus(
                calculator.compute(
                        app,
                        Observation.of(
                                List.of(),
                                deployment(DeploymentStatuses.rollingOut(1, 3, 1)),
                                Optional.empty()),
                        T0));

        app.getMetadata().setGeneration(2L);
        CounterAppStatus later =
                calculator.compute(
                        app,
                        Observation.of(
                                List.of(),
                                deployment(DeploymentStatuses.rolledOut(1, 3)),
                                Optional.empty()),
                        T1);

        assertThat(transitionTime(later, ConditionTypes.VALID)).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(transitionTime(later, ConditionTypes.DEGRADED))
                .isEqualTo("2025-01-01T10:00:00Z");
        assertThat(transitionTime(later, ConditionTypes.READY)).isEqualTo("2025-01-01T10:05:00Z");
        assertThat(transitionTime(later, ConditionTypes.PROGRESSING))
                .isEqualTo("2025-01-01T10:05:00Z");
        assertThat(later.getConditions())
                .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(2L));
    }

    @Test
    void sameObservationGivesAnEqualStatusSoNothingIsWritten() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        Observation observation =
                Observation.of(
                        List.of(), deployment(DeploymentStatuses.rolledOut(1, 1)), service(80));
        app.setStatus(calculator.compute(app, observation, T0));
        assertThat(calculator.compute(app, observation, T1)).isEqualTo(app.getStatus());
    }

    @Test
    void readyCounterPodsAreNotReadyWhileTheRedisTheOperatorRunsIsNot() {
        CounterApp app = CounterApps.stored("hits", Backend.REDIS);
        Optional<Deployment> ready = deployment(DeploymentStatuses.rolledOut(1, 1));

        CounterAppStatus waiting =
                calculator.compute(
                        app, Observation.of(List.of(), ready, service(80), Stores.none()), T0);
        assertThat(waiting.getPhase()).isEqualTo(Phase.Pending);
        assertThat(waiting.condition(ConditionTypes.READY).orElseThrow().getReason())
                .isEqualTo(Reasons.BACKEND_NOT_READY);
        assertThat(waiting.getBackend().getReady()).isFalse();
        assertThat(waiting.getBackend().getMessage()).contains("hits-redis");
        assertThat(waiting.getBackend().getEndpoint())
                .isEqualTo("redis://hits-redis.counters.svc:6379");

        var redis =
                new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName("hits-redis")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .endSpec()
                        .withNewStatus()
                        .withReadyReplicas(1)
                        .endStatus()
                        .build();
        var stores =
                new Stores(
                        Optional.of(redis),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Map.of());
        CounterAppStatus serving =
                calculator.compute(app, Observation.of(List.of(), ready, service(80), stores), T0);
        assertThat(serving.getPhase()).isEqualTo(Phase.Ready);
        assertThat(serving.getBackend().getReady()).isTrue();
        assertThat(serving.getBackend().getManaged()).isTrue();
    }

    @Test
    void anEtcdMembershipStepIsProgressingWithItsReasonAndALostQuorumIsDegraded() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new dev.counter.operator.model.EtcdSpec());
        var etcd =
                new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName("hits-etcd")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(3)
                        .endSpec()
                        .withNewStatus()
                        .withReadyReplicas(3)
                        .endStatus()
                        .build();
        var stores =
                new Stores(
                        Optional.empty(),
                        Optional.of(etcd),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Map.of());
        Observation observed =
                Observation.of(
                        List.of(),
                        deployment(DeploymentStatuses.rolledOut(1, 1)),
                        service(80),
                        stores);
        var adding = new MembershipStep.AddLearner(3, "http://hits-etcd-3:2380");

        CounterAppStatus growing =
                calculator.compute(
                        app,
                        observed.withMembership(
                                Optional.of(
                                        new MembershipReport(
                                                adding,
                                                true,
                                                adding.message(),
                                                3,
                                                0,
                                                Optional.of("hits-etcd-1")))),
                        T0);
        assertThat(growing.getPhase()).isEqualTo(Phase.Progressing);
        assertThat(growing.getReason()).isEqualTo("AddingLearner");
        assertThat(growing.condition(ConditionTypes.PROGRESSING).orElseThrow().getMessage())
                .isEqualTo("adding member 3 as a learner (http://hits-etcd-3:2380)");
        assertThat(growing.getBackend().getLeader()).isEqualTo("hits-etcd-1");
        assertThat(growing.getBackend().getStep()).isEqualTo("AddingLearner");
        assertThat(growing.getBackend().getLearners()).isZero();

        var lost = new MembershipStep.QuorumLost("1 of 3 voting members healthy; restoreFrom");
        CounterAppStatus degraded =
                calculator.compute(
                        app,
                        observed.withMembership(
                                Optional.of(
                                        new MembershipReport(
                                                lost, false, lost.message(), 3, 0,
                                                Optional.empty()))),
                        T0);
        assertThat(degraded.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(degraded.getReason()).isEqualTo("QuorumLost");
        assertThat(degraded.condition(ConditionTypes.DEGRADED).orElseThrow().getMessage())
                .contains("restoreFrom");

        var steady = new MembershipStep.Steady("3 of 3 members healthy, leader hits-etcd-1");
        CounterAppStatus ready =
                calculator.compute(
                        app,
                        observed.withMembership(
                                Optional.of(
                                        new MembershipReport(
                                                steady, false, steady.message(), 3, 0,
                                                Optional.of("hits-etcd-1")))),
                        T0);
        assertThat(ready.getPhase()).isEqualTo(Phase.Ready);
        assertThat(ready.getBackend().getStep()).isEqualTo("Steady");
    }

    @Test
    void memoryIsItsOwnReadyBackend() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        CounterAppStatus status =
                calculator.compute(
                        app,
                        Observation.of(
                                List.of(),
                                deployment(DeploymentStatuses.rolledOut(1, 1)),
                                service(80)),
                        T0);
        assertThat(status.getBackend().getType()).isEqualTo(Backend.MEMORY);
        assertThat(status.getBackend().getReady()).isTrue();
        assertThat(status.getBackend().getEndpoint()).isNull();
        assertThat(status.getLastSnapshot()).isNull();
    }

    private Phase phase(
            CounterApp app, List<Violation> violations, Optional<Deployment> deployment) {
        return calculator
                .compute(app, Observation.of(violations, deployment, Optional.empty()), T0)
                .getPhase();
    }

    /**
     * The bundled NFS server refused by Pod Security: its Service still gets an address and the
     * CronJob is made, yet no snapshot can be written. The status says so with the Deployment's own
     * message, in Degraded and in Snapshots, and the phase and REASON column show it.
     */
    @Test
    void aBundledNfsServerWhosePodsCannotBeCreatedDegradesTheAppAndItsSnapshots() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        app.getSpec().getEtcd().getSnapshots().setEnabled(true);
        Deployment nfs = deployment(DeploymentStatuses.replicaFailure(1, 1)).orElseThrow();
        String refusal =
                nfs.getStatus().getConditions().stream()
                        .filter(c -> c.getType().equals("ReplicaFailure"))
                        .findFirst()
                        .orElseThrow()
                        .getMessage();
        var stores =
                new Stores(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(nfs),
                        Optional.of("10.0.0.9:/"),
                        Optional.of(new CronJob()),
                        List.of(),
                        Map.of());

        CounterAppStatus status =
                calculator.compute(
                        app,
                        Observation.of(
                                List.of(),
                                deployment(DeploymentStatuses.rolledOut(1, 3)),
                                service(80),
                                stores),
                        T0);

        Condition degraded = status.condition(ConditionTypes.DEGRADED).orElseThrow();
        assertThat(degraded.isTrue()).isTrue();
        assertThat(degraded.getReason()).isEqualTo(Reasons.REPLICA_FAILURE);
        assertThat(degraded.getMessage()).contains("hits-nfs", refusal);
        Condition snapshots = status.condition(ConditionTypes.SNAPSHOTS).orElseThrow();
        assertThat(snapshots.isTrue()).isFalse();
        assertThat(snapshots.getReason()).isEqualTo(Reasons.NFS_SERVER_FAILED);
        assertThat(snapshots.getMessage()).contains(refusal);
        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(status.getReason()).isEqualTo(Reasons.REPLICA_FAILURE);
        assertThat(StatusEvents.between(null, status))
                .extracting(StatusEvents.StatusEvent::reason)
                .contains(Reasons.REPLICA_FAILURE, Reasons.NFS_SERVER_FAILED);
    }

    private static String transitionTime(CounterAppStatus status, String type) {
        return status.condition(type).orElseThrow().getLastTransitionTime();
    }

    private static Optional<Deployment> deployment(DeploymentStatus status) {
        return Optional.of(
                new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("hits")
                        .withGeneration(1L)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(status == null ? 3 : status.getReplicas())
                        .endSpec()
                        .withStatus(status)
                        .build());
    }

    private static Optional<Service> service(int port) {
        return Optional.of(
                new ServiceBuilder()
                        .withNewMetadata()
                        .withName("hits")
                        .withNamespace(CounterApps.NAMESPACE)
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withPort(port)
                        .endPort()
                        .endSpec()
                        .build());
    }
}
