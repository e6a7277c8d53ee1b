package dev.counter.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a StatefulSet's controller cannot create its pods (Pod Security, quota, a LimitRange, a
 * missing ServiceAccount). Unlike a Deployment, a StatefulSet has no {@code ReplicaFailure}
 * condition: its controller says so only in {@code FailedCreate} Events on the StatefulSet.
 */
public final class PodCreationFailures {

    static final String FAILED_CREATE = "FailedCreate";

    private static final Logger log = LoggerFactory.getLogger(PodCreationFailures.class);

    private PodCreationFailures() {}

    /**
     * The newest FailedCreate message of this StatefulSet, while some of its pods do not exist;
     * asks the API server only then, so a healthy store costs no request.
     */
    public static Optional<String> of(KubernetesClient client, StatefulSet statefulSet) {
        if (!podsMissing(statefulSet)) {
            return Optional.empty();
        }
        try {
            return client.v1().events().inNamespace(statefulSet.getMetadata().getNamespace())
                    .withField("involvedObject.kind", "StatefulSet")
                    .withField("involvedObject.name", statefulSet.getMetadata().getName())
                    .withField("reason", FAILED_CREATE)
                    .list()
                    .getItems()
                    .stream()
                    // a field selector is a server-side filter; the uid also leaves out a deleted
                    // StatefulSet of the same name
                    .filter(event -> about(event, statefulSet))
                    .max(Comparator.comparing(PodCreationFailures::lastSeen))
                    .map(Event::getMessage);
        } catch (KubernetesClientException e) {
            // the status loses a detail, the reconcile goes on
            log.debug("cannot list the Events of StatefulSet {}", statefulSet.getMetadata().getName(), e);
            return Optional.empty();
        }
    }

    private static boolean podsMissing(StatefulSet statefulSet) {
        int wanted = Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 1);
        int existing =
                statefulSet.getStatus() == null
                        ? 0
                        : Objects.requireNonNullElse(statefulSet.getStatus().getReplicas(), 0);
        return existing < wanted;
    }

    private static boolean about(Event event, StatefulSet statefulSet) {
        var involved = event.getInvolvedObject();
        return involved != null
                && FAILED_CREATE.equals(event.getReason())
                && "StatefulSet".equals(involved.getKind())
                && statefulSet.getMetadata().getName().equals(involved.getName())
                && (involved.getUid() == null
                        || involved.getUid().equals(statefulSet.getMetadata().getUid()));
    }

    private static Instant lastSeen(Event event) {
        return Stream.of(
                        event.getLastTimestamp(),
                        event.getEventTime() == null ? null : event.getEventTime().getTime(),
                        event.getMetadata().getCreationTimestamp())
                .filter(Objects::nonNull)
                .findFirst()
                .flatMap(PodCreationFailures::parse)
                .orElse(Instant.EPOCH);
    }

    private static Optional<Instant> parse(String timestamp) {
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
