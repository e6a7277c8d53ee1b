package dev.counter.operator.testing;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
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
}
