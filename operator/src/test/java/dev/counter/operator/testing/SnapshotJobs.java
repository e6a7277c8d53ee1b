package dev.counter.operator.testing;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Snapshot Jobs for tests. */
public final class SnapshotJobs {

    private SnapshotJobs() {}

    /**
     * A Job of the app's snapshot CronJob as the CronJob controller creates it and the Job
     * controller finishes it ({@code outcome}: Complete or Failed), which the mock API has neither.
     */
    public static void createFinished(
            KubernetesClient client, String namespace, String app, String name, String outcome) {
        createFinished(client, namespace, app, name, outcome, null);
    }

    /** As above, with the pod that left {@code podMessage} as its termination message. */
    public static void createFinished(
            KubernetesClient client,
            String namespace,
            String app,
            String name,
            String outcome,
            String podMessage) {
        Job job =
                new JobBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .withLabels(
                                client.batch()
                                        .v1()
                                        .cronjobs()
                                        .inNamespace(namespace)
                                        .withName(app + "-etcd-snapshot")
                                        .get()
                                        .getSpec()
                                        .getJobTemplate()
                                        .getMetadata()
                                        .getLabels())
                        .endMetadata()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("snapshot")
                        .withImage("quay.io/coreos/etcd:v3.5.21")
                        .endContainer()
                        .withRestartPolicy("Never")
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build();
        client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
        if (podMessage != null) {
            // before the Job finishes: the Job's change is what makes the operator look again
            createTerminatedPod(client, namespace, name, podMessage);
        }
        client
                .batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(name)
                .editStatus(
                        current -> {
                            current.setStatus(
                                    new JobStatusBuilder()
                                            .withStartTime("2026-11-23T07:30:00Z")
                                            .withCompletionTime(
                                                    outcome.equals("Complete")
                                                            ? "2026-11-23T07:30:05Z"
                                                            : null)
                                            .addNewCondition()
                                            .withType(outcome)
                                            .withStatus("True")
                                            .withLastTransitionTime("2026-11-23T07:30:05Z")
                                            .endCondition()
                                            .build());
                            return current;
                        });
    }

    /**
     * The pod the Job controller ran for {@code job}, terminated with {@code message} as its
     * termination message, as the kubelet reports it.
     */
    private static void createTerminatedPod(
            KubernetesClient client, String namespace, String job, String message) {
        Job owner = client.batch().v1().jobs().inNamespace(namespace).withName(job).get();
        Pod pod =
                new PodBuilder()
                        .withNewMetadata()
                        .withName(job + "-pod")
                        .withNamespace(namespace)
                        .withLabels(owner.getMetadata().getLabels())
                        .addNewOwnerReference()
                        .withApiVersion("batch/v1")
                        .withKind("Job")
                        .withName(job)
                        .withUid(owner.getMetadata().getUid())
                        .withController(true)
                        .endOwnerReference()
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("snapshot")
                        .withImage("quay.io/coreos/etcd:v3.5.21")
                        .endContainer()
                        .endSpec()
                        .build();
        client.pods().inNamespace(namespace).resource(pod).create();
        client.pods()
                .inNamespace(namespace)
                .withName(pod.getMetadata().getName())
                .editStatus(
                        current -> {
                            current.setStatus(
                                    new PodStatusBuilder()
                                            .withPhase("Succeeded")
                                            .addNewContainerStatus()
                                            .withName("snapshot")
                                            .withNewState()
                                            .withNewTerminated()
                                            .withExitCode(0)
                                            .withMessage(message)
                                            .endTerminated()
                                            .endState()
                                            .endContainerStatus()
                                            .build());
                            return current;
                        });
    }
}
