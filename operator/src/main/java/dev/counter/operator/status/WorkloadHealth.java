package dev.counter.operator.status;

import dev.counter.operator.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Ready, Progressing and Degraded, read from the counter Deployment as its controller reports it.
 *
 * @param replicas pods that exist
 * @param readyReplicas pods that are ready
 */
public record WorkloadHealth(
        Condition ready,
        Condition progressing,
        Condition degraded,
        int replicas,
        int readyReplicas) {

    private static final String UNOBSERVED =
            "waiting for the Deployment controller to act on the Deployment";

    public static WorkloadHealth of(Optional<Deployment> deployment) {
        if (deployment.isEmpty()) {
            String message = "the Deployment does not exist";
            return new WorkloadHealth(
                    new Condition(
                            ConditionTypes.READY, false, Reasons.DEPLOYMENT_NOT_FOUND, message),
                    new Condition(
                            ConditionTypes.PROGRESSING,
                            false,
                            Reasons.DEPLOYMENT_NOT_FOUND,
                            message),
                    notDegraded(),
                    0,
                    0);
        }
        DeploymentStatus status = deployment.get().getStatus();
        if (status == null || status.getObservedGeneration() == null) {
            return new WorkloadHealth(
                    new Condition(
                            ConditionTypes.READY,
                            false,
                            Reasons.DEPLOYMENT_NOT_OBSERVED,
                            UNOBSERVED),
                    new Condition(
                            ConditionTypes.PROGRESSING, true, Reasons.ROLLING_OUT, UNOBSERVED),
                    notDegraded(),
                    0,
                    0);
        }
        var rollout = new Rollout(deployment.get(), status);
        return new WorkloadHealth(
                rollout.ready(),
                rollout.progressing(),
                rollout.degraded(),
                rollout.total,
                rollout.ready);
    }

    /**
     * Degraded=True of a Deployment whose pods cannot be created or stay unavailable, with the
     * Deployment controller's own message; empty while it is fine or not yet observed.
     */
    public static Optional<Condition> failure(Deployment deployment) {
        return Optional.of(of(Optional.of(deployment)).degraded()).filter(Condition::isTrue);
    }

    private static Condition notDegraded() {
        return new Condition(
                ConditionTypes.DEGRADED, false, Reasons.AS_EXPECTED, "no failure observed");
    }

    /** A Deployment its controller has looked at; absent counts are zero, as the API omits them. */
    private static final class Rollout {

        /** The Deployment controller's reason once the new ReplicaSet is fully rolled out. */
        private static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";

        private final int desired;
        private final long generation;
        private final boolean generationObserved;
        private final int total;
        private final int updated;
        private final int ready;
        private final int available;
        private final DeploymentStatus status;

        Rollout(Deployment deployment, DeploymentStatus status) {
            this.status = status;
            desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
            generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
            generationObserved = status.getObservedGeneration() >= generation;
            total = zeroIfNull(status.getReplicas());
            updated = zeroIfNull(status.getUpdatedReplicas());
            ready = zeroIfNull(status.getReadyReplicas());
            available = zeroIfNull(status.getAvailableReplicas());
        }

        Condition ready() {
            return ready >= desired
                    ? new Condition(
                            ConditionTypes.READY, true, Reasons.ALL_REPLICAS_READY, readyText())
                    : new Condition(
                            ConditionTypes.READY, false, Reasons.REPLICAS_NOT_READY, readyText());
        }

        Condition progressing() {
            if (inProgress()) {
                String message =
                        generationObserved
                                ? "%d/%d replicas updated, %d available"
                                        .formatted(updated, desired, available)
                                : "waiting for the Deployment controller to observe generation "
                                        + generation;
                return new Condition(
                        ConditionTypes.PROGRESSING, true, Reasons.ROLLING_OUT, message);
            }
            if (deadlineExceeded()) {
                return new Condition(
                        ConditionTypes.PROGRESSING,
                        false,
                        Reasons.PROGRESS_DEADLINE_EXCEEDED,
                        message("Progressing")
                                .orElse("the rollout exceeded its progress deadline"));
            }
            return new Condition(
                    ConditionTypes.PROGRESSING,
                    false,
                    Reasons.ROLLOUT_COMPLETE,
                    "%d/%d replicas updated".formatted(updated, desired));
        }

        Condition degraded() {
            if (conditionIs("ReplicaFailure", "True")) {
                return new Condition(
                        ConditionTypes.DEGRADED,
                        true,
                        Reasons.REPLICA_FAILURE,
                        message("ReplicaFailure").orElse("pods cannot be created"));
            }
            if (deadlineExceeded()) {
                return new Condition(
                        ConditionTypes.DEGRADED,
                        true,
                        Reasons.PROGRESS_DEADLINE_EXCEEDED,
                        message("Progressing")
                                .orElse("the rollout exceeded its progress deadline"));
            }
            // Outside a rollout, missing ready pods mean pods fail (crash loop, probes, eviction).
            if (!inProgress() && ready < desired) {
                String detail =
                        conditionIs("Available", "False")
                                ? message("Available").map(m -> ": " + m).orElse("")
                                : "";
                return new Condition(
                        ConditionTypes.DEGRADED,
                        true,
                        Reasons.REPLICAS_UNAVAILABLE,
                        readyText() + detail);
            }
            return notDegraded();
        }

        /**
         * Every pod runs the current template and either all are available or the controller has
         * declared the rollout finished: pods failing after that are Degraded, not a rollout.
         */
        private boolean done() {
            return generationObserved
                    && updated >= desired
                    && total <= updated
                    && (available >= desired || reasonIs("Progressing", NEW_REPLICA_SET_AVAILABLE));
        }

        private boolean inProgress() {
            return !done() && !deadlineExceeded();
        }

        private boolean deadlineExceeded() {
            return conditionIs("Progressing", "False")
                    && reasonIs("Progressing", Reasons.PROGRESS_DEADLINE_EXCEEDED);
        }

        private String readyText() {
            return ready + "/" + desired + " replicas ready";
        }

        private boolean conditionIs(String type, String conditionStatus) {
            return condition(type).filter(c -> conditionStatus.equals(c.getStatus())).isPresent();
        }

        private boolean reasonIs(String type, String reason) {
            return condition(type).filter(c -> reason.equals(c.getReason())).isPresent();
        }

        private Optional<String> message(String type) {
            return condition(type).map(DeploymentCondition::getMessage);
        }

        private Optional<DeploymentCondition> condition(String type) {
            if (status.getConditions() == null) {
                return Optional.empty();
            }
            return status.getConditions().stream()
                    .filter(c -> type.equals(c.getType()))
                    .findFirst();
        }

        private static int zeroIfNull(Integer value) {
            return value == null ? 0 : value;
        }
    }
}
