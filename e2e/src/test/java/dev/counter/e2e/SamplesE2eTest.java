package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks 2 and 3: every valid sample, applied as a user would, reaches Ready=True through the
 * operator authenticated as its ServiceAccount, without one refused request, and then the operator
 * writes nothing: server-side apply at steady state is silent.
 */
@Order(2)
@ExtendWith(E2eCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamplesE2eTest {

    static final String NS = "samples";

    static final Map<String, String> SAMPLES =
            Map.of(
                    "memory.yaml", "counter-memory",
                    "ingress.yaml", "counter-public",
                    "redis-external.yaml", "counter-redis-external",
                    "redis-managed.yaml", "counter-redis",
                    "etcd-external.yaml", "counter-etcd-external",
                    "etcd-managed.yaml", "counter-etcd",
                    "etcd-managed-tls.yaml", "counter-etcd-tls");

    @BeforeAll
    static void applySamples() {
        // the bundled NFS server of etcd-managed.yaml is privileged, as the sample says
        Cluster.createNamespace(NS, Map.of("pod-security.kubernetes.io/enforce", "privileged"));
        applyAll(NS);
    }

    /** Every valid sample into {@code namespace}, with the Secret redis-external.yaml names. */
    static void applyAll(String namespace) {
        Cluster.client()
                .secrets()
                .inNamespace(namespace)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("my-redis")
                                .endMetadata()
                                .addToStringData("password", "e2e")
                                .build())
                .serverSideApply();
        for (String sample : SAMPLES.keySet()) {
            Kubectl.Result applied = Cluster.applySample(sample, namespace);
            assertThat(applied.exitCode()).as("%s: %s", sample, applied.stderr()).isZero();
        }
    }

    @Test
    @Order(1)
    void everySampleBecomesReady() {
        SAMPLES.values().forEach(name -> Cluster.awaitReady(NS, name));
        for (String name : SAMPLES.values()) {
            CounterApp app = Cluster.app(NS, name);
            assertThat(app.getStatus().getPhase()).as(name).hasToString("Ready");
            assertThat(app.getStatus().condition("Degraded").orElseThrow().isTrue())
                    .as(name)
                    .isFalse();
        }
        assertThat(Cluster.condition(NS, "counter-etcd", "Snapshots").orElseThrow().isTrue())
                .isTrue();
        // the gRPC API beside HTTP, as the real API server stored it (appProtocol included)
        for (String name : SAMPLES.values()) {
            assertThat(Cluster.client().services().inNamespace(NS).withName(name).get())
                    .as(name)
                    .satisfies(
                            service ->
                                    assertThat(service.getSpec().getPorts())
                                            .extracting(p -> p.getName() + "/" + p.getAppProtocol())
                                            .containsExactly("http/null", "grpc/grpc"));
        }
    }

    /** The RBAC is sufficient: as RbacTest proves it minimal, this proves it enough. */
    @Test
    @Order(2)
    void theOperatorWasNeverRefusedARequest() {
        List<AuditLog.Request> requests = AuditLog.read();
        assertThat(requests).as("the audit log holds the operator's requests").isNotEmpty();
        assertThat(requests)
                .filteredOn(r -> r.code() == 401 || r.code() == 403)
                .extracting(AuditLog.Request::describe)
                .isEmpty();
    }

    @Test
    @Order(3)
    void onceReadyNoOwnedObjectChangesFor30Seconds() {
        SAMPLES.values().forEach(name -> Cluster.awaitReady(NS, name));
        // the sample's snapshot CronJob runs at :00 and :30, which changes its status and the
        // CounterApp's lastSnapshot legitimately: observe a window that contains no such run
        await("a 40 s window without a scheduled snapshot")
                .atMost(Duration.ofMinutes(2))
                .until(() -> secondsToNextHalfHour() > 40 && secondsSinceLastHalfHour() > 20);
        // binding a claim is the PV controller's work (a 15 s sync period), not the operator's:
        // the snapshot volume is made late, once the NFS Service has its address
        await("every claim bound")
                .atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                Cluster.client().persistentVolumeClaims().inNamespace(NS).list().getItems()
                                        .stream()
                                        .allMatch(c -> "Bound".equals(c.getStatus().getPhase())));
        Map<String, String> before = versions(objects());
        assertThat(before).hasSizeGreaterThan(30);
        await("no owned object changes")
                .during(Duration.ofSeconds(30))
                .atMost(Duration.ofSeconds(35))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            Map<String, HasMetadata> now = objects();
                            assertThat(versions(now))
                                    .as(() -> lastWriters(now, before))
                                    .isEqualTo(before);
                        });
    }

    /** Who wrote the objects that changed, from their managedFields: names the culprit. */
    private static String lastWriters(Map<String, HasMetadata> now, Map<String, String> before) {
        return now.entrySet().stream()
                .filter(e -> !e.getValue().getMetadata().getResourceVersion().equals(before.get(e.getKey())))
                .map(
                        e ->
                                e.getKey()
                                        + " written by "
                                        + e.getValue().getMetadata().getManagedFields().stream()
                                                .map(f -> f.getManager() + " " + f.getOperation() + " at " + f.getTime())
                                                .toList())
                .collect(Collectors.joining("; ", "changed: ", ""));
    }

    private static long secondsToNextHalfHour() {
        int seconds = LocalTime.now(ZoneOffset.UTC).toSecondOfDay();
        return 1800 - seconds % 1800;
    }

    private static long secondsSinceLastHalfHour() {
        return LocalTime.now(ZoneOffset.UTC).toSecondOfDay() % 1800;
    }

    private static Map<String, String> versions(Map<String, HasMetadata> objects) {
        var versions = new TreeMap<String, String>();
        objects.forEach((name, object) -> versions.put(name, object.getMetadata().getResourceVersion()));
        return versions;
    }

    /** Every CounterApp and every object the operator made, by kind and name. */
    private static Map<String, HasMetadata> objects() {
        var objects = new TreeMap<String, HasMetadata>();
        Stream.concat(
                        Cluster.client()
                                .resources(CounterApp.class)
                                .inNamespace(NS)
                                .list()
                                .getItems()
                                .stream(),
                        Cluster.managedObjects(NS).stream())
                .forEach(object -> objects.put(Cluster.describe(object), object));
        return objects;
    }
}
