package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.Phase;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.status.Reasons;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store StatefulSet whose pods cannot be created shows in Degraded with its controller's own
 * FailedCreate message, and as an Event. The mock API runs no StatefulSet controller, and evaluates
 * no field selector but {@code metadata.*}: the test writes the status the controller would and
 * answers the operator's Event query as the API server would (the e2e suite asks a real one).
 */
class StoreFailureReportingTest {

    private static final String REFUSAL =
            "create Pod cache-redis-0 in StatefulSet cache-redis failed error: pods \"cache-redis-0\""
                    + " is forbidden: maximum memory usage per Container is 64Mi, but limit is 128Mi";

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @Test
    void aStoreStatefulSetThatCannotCreatePodsMakesTheCounterAppDegraded() {
        operator.client().resource(CounterApps.newApp("cache", Backend.REDIS)).create();
        StatefulSet redis =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> statefulSet(operator.client(), "cache-redis"), s -> s != null);
        String otherUid = "0d9a3d2e-0000-4000-8000-000000000000";
        answerEventQuery(
                redis,
                failedCreate(redis, redis.getMetadata().getUid(), "2026-01-01T00:00:00Z", "older"),
                failedCreate(redis, redis.getMetadata().getUid(), "2026-01-01T00:05:00Z", REFUSAL),
                // a deleted StatefulSet of the same name
                failedCreate(redis, otherUid, "2026-01-01T00:09:00Z", "not about this one"));
        // what the controller reports while it cannot make the pod; a status change is also what
        // wakes the operator up
        setStatus(redis, 0, 0);

        await("Degraded with the refusal")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            Condition degraded = degraded("cache");
                            assertThat(degraded.isTrue()).isTrue();
                            assertThat(degraded.getReason()).isEqualTo(Reasons.REPLICA_FAILURE);
                            assertThat(degraded.getMessage())
                                    .isEqualTo(
                                            "the Redis StatefulSet cache-redis cannot create pods: "
                                                    + REFUSAL);
                        });
        assertThat(CounterApps.get(operator.client(), "cache").getStatus().getPhase())
                .isEqualTo(Phase.Degraded);
        await("a Warning Event")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                Events.exists(
                                        operator.client(),
                                        "cache",
                                        "Warning",
                                        Reasons.REPLICA_FAILURE));

        // the pod could be made after all (the LimitRange was lifted): old Events do not count
        setStatus(statefulSet(operator.client(), "cache-redis"), 1, 1);
        await("Degraded clears once the pod exists")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(degraded("cache").getReason())
                                        .isNotEqualTo(Reasons.REPLICA_FAILURE));
    }

    private static Condition degraded(String name) {
        CounterApp app = CounterApps.get(operator.client(), name);
        assertThat(app.getStatus()).as("the status of %s", name).isNotNull();
        return app.getStatus().condition(ConditionTypes.DEGRADED).orElseThrow();
    }

    private static void answerEventQuery(StatefulSet statefulSet, Event... events) {
        operator.harness()
                .cluster()
                .server()
                .expect()
                .get()
                .withPath(
                        "/api/v1/namespaces/counters/events?fieldSelector="
                                + "involvedObject.kind%3DStatefulSet%2CinvolvedObject.name%3D"
                                + statefulSet.getMetadata().getName()
                                + "%2Creason%3DFailedCreate")
                .andReturn(200, new EventListBuilder().withItems(events).build())
                .always();
    }

    private static Event failedCreate(
            StatefulSet statefulSet, String uid, String lastSeen, String message) {
        return new EventBuilder()
                .withNewMetadata()
                .withName(statefulSet.getMetadata().getName() + "." + lastSeen)
                .withNamespace(statefulSet.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("StatefulSet")
                .withApiVersion("apps/v1")
                .withName(statefulSet.getMetadata().getName())
                .withNamespace(statefulSet.getMetadata().getNamespace())
                .withUid(uid)
                .endInvolvedObject()
                .withReason("FailedCreate")
                .withType("Warning")
                .withMessage(message)
                .withLastTimestamp(lastSeen)
                .build();
    }

    private static void setStatus(StatefulSet statefulSet, int replicas, int ready) {
        statefulSet.setStatus(
                new StatefulSetStatusBuilder()
                        .withObservedGeneration(statefulSet.getMetadata().getGeneration())
                        .withReplicas(replicas)
                        .withReadyReplicas(ready)
                        .withAvailableReplicas(ready)
                        .build());
        operator.client().resource(statefulSet).updateStatus();
    }
}
