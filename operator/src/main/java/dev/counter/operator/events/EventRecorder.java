package dev.counter.operator.events;

import dev.counter.operator.workload.Labels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events about a CounterApp, shown by {@code kubectl describe} and {@code kubectl
 * get events}. Callers record only decisions and transitions, never on a reconcile that changes
 * nothing, so a steady state makes no writes.
 */
public final class EventRecorder {

    /** Kubernetes' two event types. */
    public enum Type {
        Normal,
        Warning
    }

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE_LENGTH = 1024;
    private static final String INSTANCE =
            Optional.ofNullable(System.getenv("HOSTNAME")).orElse(Labels.OPERATOR);

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client) {
        this(client, Clock.systemUTC());
    }

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata about, String reason, String message) {
        record(about, Type.Normal, reason, message);
    }

    public void warning(HasMetadata about, String reason, String message) {
        record(about, Type.Warning, reason, message);
    }

    public void record(HasMetadata about, Type type, String reason, String message) {
        Event event = build(about, type, reason, message);
        try {
            client.v1()
                    .events()
                    .inNamespace(about.getMetadata().getNamespace())
                    .resource(event)
                    .create();
        } catch (KubernetesClientException e) {
            // An event is information for people; failing the reconcile over it would help nobody.
            log.warn(
                    "could not record {} event {} for {}: {}",
                    type,
                    reason,
                    about.getMetadata().getName(),
                    e.getMessage());
        }
    }

    Event build(HasMetadata about, Type type, String reason, String message) {
        String now =
                DateTimeFormatter.ISO_INSTANT.format(
                        clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return new EventBuilder()
                .withNewMetadata()
                // the API server appends a unique suffix, as client-go's recorder does with a
                // timestamp
                .withGenerateName(about.getMetadata().getName() + ".")
                .withNamespace(about.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(about.getApiVersion())
                .withKind(about.getKind())
                .withName(about.getMetadata().getName())
                .withNamespace(about.getMetadata().getNamespace())
                .withUid(about.getMetadata().getUid())
                .withResourceVersion(about.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type.name())
                .withReason(reason)
                .withMessage(truncate(message))
                .withNewSource()
                .withComponent(Labels.OPERATOR)
                .endSource()
                .withReportingComponent(Labels.OPERATOR)
                .withReportingInstance(INSTANCE)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH
                ? message
                : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }
}
