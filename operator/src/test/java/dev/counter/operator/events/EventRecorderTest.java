package dev.counter.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-03-01T12:00:00.250Z"), ZoneOffset.UTC);

    @Test
    void recordsAnEventAboutTheCounterApp() {
        try (MockCluster cluster = MockCluster.start()) {
            CounterApp app =
                    cluster.client().resource(CounterApps.newApp("hits", Backend.MEMORY)).create();
            var recorder = new EventRecorder(cluster.client(), CLOCK);

            recorder.warning(app, "MultiReplicaMemory", "too many replicas");
            recorder.normal(app, "Created", "Created Deployment hits");

            assertThat(Events.about(cluster.client(), "hits")).hasSize(2);
            Event warning =
                    Events.about(cluster.client(), "hits").stream()
                            .filter(e -> e.getType().equals("Warning"))
                            .findFirst()
                            .orElseThrow();
            assertThat(warning.getReason()).isEqualTo("MultiReplicaMemory");
            assertThat(warning.getMessage()).isEqualTo("too many replicas");
            assertThat(warning.getInvolvedObject().getUid()).isEqualTo(app.getMetadata().getUid());
            assertThat(warning.getInvolvedObject().getApiVersion())
                    .isEqualTo("counter.dev/v1alpha1");
            assertThat(warning.getSource().getComponent()).isEqualTo("counter-operator");
            assertThat(warning.getLastTimestamp()).isEqualTo("2025-03-01T12:00:00Z");
            assertThat(warning.getMetadata().getName()).startsWith("hits.");
        }
    }

    @Test
    void aLongMessageIsShortenedToWhatTheApiServerAccepts() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        Event event =
                new EventRecorder(null, CLOCK)
                        .build(app, EventRecorder.Type.Normal, "Long", "x".repeat(5000));
        assertThat(event.getMessage()).hasSize(1024).endsWith("...");
    }

    @Test
    void aRefusedEventWriteDoesNotFailTheCaller() {
        try (MockCluster cluster = MockCluster.start()) {
            cluster.server()
                    .expect()
                    .post()
                    .withPath("/api/v1/namespaces/" + CounterApps.NAMESPACE + "/events")
                    .andReturn(
                            403,
                            new StatusBuilder()
                                    .withCode(403)
                                    .withMessage("events is forbidden")
                                    .build())
                    .always();
            var recorder = new EventRecorder(cluster.client(), CLOCK);

            assertThatCode(
                            () ->
                                    recorder.warning(
                                            CounterApps.stored("hits", Backend.MEMORY),
                                            "Refused",
                                            "no RBAC"))
                    .doesNotThrowAnyException();
            assertThat(cluster.requests().since(0))
                    .anySatisfy(request -> assertThat(request.path()).endsWith("/events"));
        }
    }
}
