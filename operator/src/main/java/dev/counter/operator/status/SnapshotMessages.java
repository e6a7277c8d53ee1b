package dev.counter.operator.status;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Part;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The termination messages of the snapshot Jobs' pods, where each Job leaves the proof of its
 * snapshot. Read through the client when the status is written: only a few pods, and no second pod
 * informer beside the counter pods' one.
 */
public final class SnapshotMessages {

    private SnapshotMessages() {}

    /** By Job name; a Job whose pod is gone or still running has no entry. */
    public static Map<String, String> read(
            KubernetesClient client, CounterApp app, String container) {
        var messages = new TreeMap<String, String>();
        List<Pod> pods =
                client.pods()
                        .inNamespace(app.getMetadata().getNamespace())
                        .withLabels(Labels.selector(app, Part.ETCD_SNAPSHOT))
                        .list()
                        .getItems();
        for (Pod pod : pods) {
            String job = jobOf(pod);
            if (job == null || pod.getStatus() == null) {
                continue;
            }
            List<ContainerStatus> statuses =
                    Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.of());
            statuses.stream()
                    .filter(s -> container.equals(s.getName()))
                    .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                    .filter(Objects::nonNull)
                    .findFirst()
                    .ifPresent(terminated -> remember(messages, job, terminated));
        }
        return messages;
    }

    /** A retried Job has several pods: the one that succeeded speaks for the Job. */
    private static void remember(
            Map<String, String> messages, String job, ContainerStateTerminated terminated) {
        String message = Objects.requireNonNullElse(terminated.getMessage(), "");
        if (Integer.valueOf(0).equals(terminated.getExitCode()) || !messages.containsKey(job)) {
            messages.put(job, message);
        }
    }

    private static String jobOf(Pod pod) {
        List<OwnerReference> owners =
                Objects.requireNonNullElse(pod.getMetadata().getOwnerReferences(), List.of());
        return owners.stream()
                .filter(o -> "Job".equals(o.getKind()))
                .map(OwnerReference::getName)
                .findFirst()
                .orElse(null);
    }
}
