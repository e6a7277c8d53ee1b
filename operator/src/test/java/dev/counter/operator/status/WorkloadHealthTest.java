package dev.counter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Condition;
import dev.counter.operator.testing.DeploymentStatuses;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadHealthTest {

    @Test
    void missingDeployment() {
        WorkloadHealth health = WorkloadHealth.of(Optional.empty());
        assertCondition(health.ready(), false, Reasons.DEPLOYMENT_NOT_FOUND);
        assertCondition(health.progressing(), false, Reasons.DEPLOYMENT_NOT_FOUND);
        assertCondition(health.degraded(), false, Reasons.AS_EXPECTED);
    }

    @Test
    void deploymentNotYetSeenByItsController() {
        WorkloadHealth health = WorkloadHealth.of(Optional.of(deployment(3, 1, null)));
        assertCondition(health.ready(), false, Reasons.DEPLOYMENT_NOT_OBSERVED);
        assertCondition(health.progressing(), true, Reasons.ROLLING_OUT);
        assertThat(health.readyReplicas()).isZero();
    }

    @Test
    void rolloutInProgress() {
        WorkloadHealth health =
                WorkloadHealth.of(
                        Optional.of(deployment(3, 1, DeploymentStatuses.rollingOut(1, 3, 1))));
        assertCondition(health.ready(), false, Reasons.REPLICAS_NOT_READY);
        assertThat(health.ready().getMessage()).isEqualTo("1/3 replicas ready");
        assertCondition(health.progressing(), true, Reasons.ROLLING_OUT);
        assertCondition(health.degraded(), false, Reasons.AS_EXPECTED);
        assertThat(health.replicas()).isEqualTo(3);
        assertThat(health.readyReplicas()).isEqualTo(1);
    }

    @Test
    void newGenerationNotYetObservedIsARolloutEvenWithReadyPods() {
        WorkloadHealth health =
                WorkloadHealth.of(
                        Optional.of(deployment(3, 2, DeploymentStatuses.rolledOut(1, 3))));
        assertCondition(health.ready(), true, Reasons.ALL_REPLICAS_READY);
        assertCondition(health.progressing(), true, Reasons.ROLLING_OUT);
        assertThat(health.progressing().getMessage()).contains("generation 2");
    }

    @Test
    void oldPodsStillRunningAreARollout() {
        DeploymentStatus surge =
                new DeploymentStatusBuilder(DeploymentStatuses.rolledOut(1, 3))
                        .withReplicas(4)
                        .withUpdatedReplicas(2)
                        .build();
        assertCondition(
                WorkloadHealth.of(Optional.of(deployment(3, 1, surge))).progressing(),
                true,
                Reasons.ROLLING_OUT);
    }

    @Test
    void completeRolloutWithAllPodsReady() {
        WorkloadHealth health =
                WorkloadHealth.of(
                        Optional.of(deployment(3, 1, DeploymentStatuses.rolledOut(1, 3))));
        assertCondition(health.ready(), true, Reasons.ALL_REPLICAS_READY);
        assertCondition(health.progressing(), false, Reasons.ROLLOUT_COMPLETE);
        assertCondition(health.degraded(), false, Reasons.AS_EXPECTED);
    }

    @Test
    void scaledToZeroIsReady() {
        WorkloadHealth health =
                WorkloadHealth.of(
                        Optional.of(deployment(0, 1, DeploymentStatuses.rolledOut(1, 0))));
        assertCondition(health.ready(), true, Reasons.ALL_REPLICAS_READY);
        assertCondition(health.degraded(), false, Reasons.AS_EXPECTED);
    }

    @Test
    void podsFailingAfterTheRolloutAreDegradedNotProgressing() {
        WorkloadHealth health =
                WorkloadHealth.of(
                        Optional.of(deployment(3, 1, DeploymentStatuses.podsFailing(1, 3, 2))));
        assertCondition(health.progressing(), false, Reasons.ROLLOUT_COMPLETE);
        assertCondition(health.degraded(), true, Reasons.REPLICAS_UNAVAILABLE);
        assertThat(health.degraded().getMessage())
                .contains("2/3 replicas ready")
                .contains("minimum availability");
    }

    @Test
    void stuckRolloutIsDegraded() {
        WorkloadHealth health =
                WorkloadHealth.of(
                        Optional.of(deployment(3, 1, DeploymentStatuses.deadlineExceeded(1, 3))));
        assertCondition(health.progressing(), false, Reasons.PROGRESS_DEADLINE_EXCEEDED);
        assertCondition(health.degraded(), true, Reasons.PROGRESS_DEADLINE_EXCEEDED);
    }

    @Test
    void podsThatCannotBeCreatedAreDegraded() {
        WorkloadHealth health =
                WorkloadHealth.of(
                        Optional.of(deployment(3, 1, DeploymentStatuses.replicaFailure(1, 3))));
        assertCondition(health.degraded(), true, Reasons.REPLICA_FAILURE);
        assertThat(health.degraded().getMessage()).contains("exceeded quota");
    }

    private static void assertCondition(Condition condition, boolean status, String reason) {
        assertThat(condition.isTrue()).as("%s status", condition.getType()).isEqualTo(status);
        assertThat(condition.getReason()).as("%s reason", condition.getType()).isEqualTo(reason);
    }

    private static Deployment deployment(int replicas, long generation, DeploymentStatus status) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("hits")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .withStatus(status)
                .build();
    }
}
