package dev.counter.operator.etcd;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The StatefulSet's ordinals as {@link MemberPod}s, read from the etcd pods. */
public final class MemberPods {

    /** What the start script writes to the termination log (etcd-start.sh). */
    static final String NO_DATA = "has no data for a bootstrapped cluster";

    /** etcd's own refusal when its data belongs to another member ID. */
    static final String ID_MISMATCH = "member ID mismatch";

    static final String CONTAINER = "etcd";
    static final String REVISION_LABEL = "controller-revision-hash";

    private MemberPods() {}

    public static List<MemberPod> of(
            StatefulSet statefulSet, List<Pod> pods, MemberEndpoints endpoints) {
        String prefix = statefulSet.getMetadata().getName() + "-";
        int replicas = Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 0);
        String updateRevision =
                statefulSet.getStatus() == null
                        ? null
                        : statefulSet.getStatus().getUpdateRevision();
        Map<String, Pod> byName =
                pods.stream()
                        .collect(
                                Collectors.toMap(
                                        pod -> pod.getMetadata().getName(),
                                        Function.identity(),
                                        (a, b) -> a));
        // ordinals past the replicas still count while their pod exists: a member being removed
        int highest =
                Stream.concat(
                                Stream.of(replicas - 1),
                                byName.keySet().stream()
                                        .map(name -> ordinal(prefix, name))
                                        .flatMap(Optional::stream))
                        .max(Integer::compare)
                        .orElse(-1);
        return IntStream.rangeClosed(0, highest)
                .mapToObj(
                        i -> {
                            String name = prefix + i;
                            Optional<Pod> pod = Optional.ofNullable(byName.get(name));
                            return new MemberPod(
                                    i,
                                    name,
                                    endpoints.peerUrl(name),
                                    endpoints.clientUrl(name),
                                    pod.isPresent(),
                                    pod.map(MemberPods::ready).orElse(false),
                                    pod.map(MemberPods::dataLost).orElse(false),
                                    pod.map(p -> outdated(p, updateRevision)).orElse(false));
                        })
                .toList();
    }

    private static Optional<Integer> ordinal(String prefix, String name) {
        if (!name.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(name.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean dataLost(Pod pod) {
        return etcdContainer(pod)
                .map(s -> Stream.of(s.getState(), s.getLastState()))
                .orElseGet(Stream::empty)
                .map(MemberPods::terminationMessage)
                .flatMap(Optional::stream)
                .anyMatch(m -> m.contains(NO_DATA) || m.contains(ID_MISMATCH));
    }

    private static Optional<String> terminationMessage(ContainerState state) {
        return Optional.ofNullable(state)
                .map(ContainerState::getTerminated)
                .map(t -> t.getMessage());
    }

    private static Optional<ContainerStatus> etcdContainer(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> CONTAINER.equals(s.getName()))
                .findFirst();
    }

    /** Another template than the StatefulSet's update revision: an OnDelete restart is due. */
    private static boolean outdated(Pod pod, String updateRevision) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String revision = labels == null ? null : labels.get(REVISION_LABEL);
        return updateRevision != null && revision != null && !revision.equals(updateRevision);
    }
}
