package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.Condition;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Status tells the truth about a store that cannot run: a LimitRange refuses the managed Redis pod
 * (its limit is above the namespace's maximum), which a StatefulSet reports only in FailedCreate
 * Events; the CounterApp shows that message in Degraded and in a Warning Event, and recovers once
 * the spec fits.
 */
@Order(5)
@ExtendWith(E2eCluster.class)
class StoreFailureE2eTest {

    private static final String NS = "limited";
    private static final String APP = "capped";

    @BeforeAll
    static void aNamespaceThatCapsContainerMemory() {
        Cluster.createNamespace(NS, Map.of());
        Cluster.client()
                .limitRanges()
                .inNamespace(NS)
                .resource(
                        new LimitRangeBuilder()
                                .withNewMetadata()
                                .withName("memory-cap")
                                .endMetadata()
                                .withNewSpec()
                                .addNewLimit()
                                .withType("Container")
                                .withMax(Map.of("memory", new Quantity("300Mi")))
                                .endLimit()
                                .endSpec()
                                .build())
                .serverSideApply();
    }

    @Test
    void aRefusedStorePodShowsInDegradedAndAnEventUntilTheSpecFits() {
        apply("512Mi");

        Cluster.awaitCondition(NS, APP, "Degraded", true);
        Condition degraded = Cluster.condition(NS, APP, "Degraded").orElseThrow();
        assertThat(degraded.getReason()).isEqualTo("ReplicaFailure");
        assertThat(degraded.getMessage())
                .startsWith("the Redis StatefulSet capped-redis cannot create pods: ")
                .contains("maximum memory usage per Container is 300Mi");
        assertThat(Cluster.app(NS, APP).getStatus().getPhase()).hasToString("Degraded");
        await("a Warning Event with the refusal")
                .atMost(Cluster.TIMEOUT)
                .until(
                        () ->
                                Cluster.client().v1().events().inNamespace(NS).list().getItems()
                                        .stream()
                                        .anyMatch(
                                                e ->
                                                        e.getInvolvedObject().getName().equals(APP)
                                                                && "Warning".equals(e.getType())
                                                                && e.getMessage()
                                                                        .contains("maximum memory usage")));

        apply("256Mi");
        Cluster.awaitReady(NS, APP);
        assertThat(Cluster.condition(NS, APP, "Degraded").orElseThrow().isTrue()).isFalse();
    }

    /** A managed Redis without persistence (no claim to bind) whose container limit is given. */
    private static void apply(String redisMemoryLimit) {
        Cluster.apply(
                        NS,
                        """
                        apiVersion: counter.dev/v1alpha1
                        kind: CounterApp
                        metadata:
                          name: %s
                        spec:
                          backend: redis
                          replicas: 1
                          redis:
                            persistence:
                              enabled: false
                            resources:
                              limits:
                                memory: %s
                        """
                                .formatted(APP, redisMemoryLimit))
                .orFail(List.of("apply", APP));
    }
}
