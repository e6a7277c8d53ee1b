package dev.counter.operator.testing;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Deployment statuses as the Deployment controller writes them; the mock API has no controller, so
 * tests play its part.
 */
public final class DeploymentStatuses {

    private DeploymentStatuses() {}

    /** A rollout in progress: all pods run the new template, {@code ready} of them are ready. */
    public static DeploymentStatus rollingOut(long generation, int replicas, int ready) {
        return status(
                generation,
                replicas,
                replicas,
                ready,
                List.of(
                        condition(
                                "Progressing",
                                "True",
                                "ReplicaSetUpdated",
                                "ReplicaSet is progressing."),
                        condition(
                                "Available",
                                "False",
                                "MinimumReplicasUnavailable",
                                "Deployment does not have minimum availability.")));
    }

    /** A finished rollout with every pod ready. */
    public static DeploymentStatus rolledOut(long generation, int replicas) {
        return status(
                generation,
                replicas,
                replicas,
                replicas,
                List.of(
                        condition(
                                "Progressing",
                                "True",
                                "NewReplicaSetAvailable",
                                "ReplicaSet has successfully progressed."),
                        condition(
                                "Available",
                                "True",
                                "MinimumReplicasAvailable",
                                "Deployment has minimum availability.")));
    }

    /** After a finished rollout, some pods stopped being ready (crash loop, failing probes). */
    public static DeploymentStatus podsFailing(long generation, int replicas, int ready) {
        return status(
                generation,
                replicas,
                replicas,
                ready,
                List.of(
                        condition(
                                "Progressing",
                                "True",
                                "NewReplicaSetAvailable",
                                "ReplicaSet has successfully progressed."),
                        condition(
                                "Available",
                                "False",
                                "MinimumReplicasUnavailable",
                                "Deployment does not have minimum availability.")));
    }

    /** The controller gave up waiting for the rollout. */
    public static DeploymentStatus deadlineExceeded(long generation, int replicas) {
        return status(
                generation,
                replicas,
                replicas,
                0,
                List.of(
                        condition(
                                "Progressing",
                                "False",
                                "ProgressDeadlineExceeded",
                                "ReplicaSet \"x\" has timed out progressing."),
                        condition(
                                "Available",
                                "False",
                                "MinimumReplicasUnavailable",
                                "Deployment does not have minimum availability.")));
    }

    /** Pods cannot even be created, e.g. a quota forbids them. */
    public static DeploymentStatus replicaFailure(long generation, int replicas) {
        return status(
                generation,
                0,
                0,
                0,
                List.of(
                        condition(
                                "ReplicaFailure",
                                "True",
                                "FailedCreate",
                                "pods \"x\" is forbidden: exceeded quota"),
                        condition(
                                "Progressing",
                                "True",
                                "ReplicaSetUpdated",
                                "ReplicaSet is progressing.")));
    }

    /** Writes the status through the status subresource, as the controller does. */
    public static void write(
            KubernetesClient client,
            String name,
            LongFunction<DeploymentStatus> statusForGeneration) {
        client.apps()
                .deployments()
                .inNamespace(CounterApps.NAMESPACE)
                .withName(name)
                .editStatus(
                        deployment -> {
                            deployment.setStatus(
                                    statusForGeneration.apply(
                                            deployment.getMetadata().getGeneration()));
                            return deployment;
                        });
    }

    private static DeploymentStatus status(
            long generation,
            int replicas,
            int updated,
            int ready,
            List<DeploymentCondition> conditions) {
        return new DeploymentStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(replicas)
                .withUpdatedReplicas(updated)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(replicas - ready)
                .withConditions(conditions)
                .build();
    }

    private static DeploymentCondition condition(
            String type, String status, String reason, String message) {
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .build();
    }
}
