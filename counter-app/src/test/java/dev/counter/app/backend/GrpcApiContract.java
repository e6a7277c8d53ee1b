package dev.counter.app.backend;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.config.PodIdentity;
import dev.counter.app.grpc.GrpcClient;
import dev.counter.app.grpc.GrpcServer;
import dev.counter.app.http.CounterServer;
import dev.counter.meters.StandardMeters;
import dev.counter.testkit.Http;
import dev.counter.testkit.MetricsLint;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC API of the original, on a backend: two service instances (HTTP and gRPC ports each)
 * on one store, driven through the generated stubs.
 */
public abstract class GrpcApiContract {
    private static final Pattern COUNT_VALUE = Pattern.compile("count value = (\\d+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<CounterServer> servers = new ArrayList<>();
    private final List<GrpcServer> grpcServers = new ArrayList<>();
    private final List<GrpcClient> clients = new ArrayList<>();
    private final List<Http> http = new ArrayList<>();

    /** The backend of one instance; on a shared store, a new client of the same counter each call. */
    protected abstract CounterBackend newBackend(String counterKey);

    @BeforeEach
    void startTwoInstances() {
        String key = "grpc-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            CounterBackend backend = newBackend(key);
            CounterServer server = CounterServer.start("127.0.0.1", 0, backend, new PodIdentity("pod-" + i, "node", "ns"),
                    TIMEOUT);
            GrpcServer grpc = GrpcServer.start("127.0.0.1", 0, backend, TIMEOUT, server::ready, server.meters());
            servers.add(server);
            grpcServers.add(grpc);
            clients.add(new GrpcClient(grpc.port()));
            http.add(new Http(server.port()));
        }
    }

    @AfterEach
    void stop() {
        clients.forEach(GrpcClient::close);
        for (int i = 0; i < servers.size(); i++) {
            servers.get(i).shutdown(Duration.ZERO, List.of(grpcServers.get(i)));
        }
    }

    private long fetch() {
        Matcher m = COUNT_VALUE.matcher(http.get(0).get("/fetch").body());
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    void replyIsTheOriginalsMessageWithTheValueAfterThisIncrement() {
        long base = fetch();
        assertEquals("Incremented value is " + (base + 5), clients.get(0).increment(5));
        assertEquals(base + 5, fetch(), "the same counter as /fetch");
    }

    @Test
    void negativeIsInvalidArgumentWithTheOriginalsMessageAndChangesNothing() {
        long base = fetch();
        StatusRuntimeException e = clients.get(0).failure(-3, TIMEOUT);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("Value cannot be negative", e.getStatus().getDescription());
        assertEquals(base, fetch());
    }

    @Test
    void aboveTheHttpLimitIsInvalidArgumentWithTheHttp400sMessage() {
        long base = fetch();
        StatusRuntimeException e = clients.get(0).failure(1_000_001, TIMEOUT);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        Http.Answer refused = http.get(0).get("/increment?by=1000001");
        assertEquals(400, refused.status());
        assertEquals("Parameter 'by' must be from 1 to 1000000, got 1000001", e.getStatus().getDescription());
        assertTrue(refused.body().contains(e.getStatus().getDescription()), refused.body());
        assertEquals(base, fetch());
        assertEquals("Incremented value is " + (base + 1_000_000), clients.get(1).increment(1_000_000),
                "the limit itself is allowed");
    }

    @Test
    void zeroAnswersTheCurrentValueWithoutChangingIt() {
        long value = clients.get(0).incrementedValue(7);
        assertEquals("Incremented value is " + value, clients.get(1).increment(0));
        assertEquals(value, fetch());
    }

    @Test
    void twoInstancesUnderConcurrencyHandOutEveryValueExactlyOnce() throws Exception {
        clients.get(0).increment(41);
        long base = fetch();
        int threads = 8;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                GrpcClient client = clients.get(t % 2);
                work.add(pool.submit(() -> {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        got.add(client.incrementedValue(1));
                    }
                    return got;
                }));
            }
            List<Long> values = new ArrayList<>();
            for (Future<List<Long>> f : work) {
                values.addAll(f.get());
            }
            values.sort(null);
            assertEquals(LongStream.rangeClosed(base + 1, base + (long) threads * perThread).boxed().toList(), values,
                    "exactly base+1 … base+N: no duplicates, none lost");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void httpAndGrpcInterleavedCountOnOneCounter() {
        long expected = fetch();
        for (int i = 0; i < 20; i++) {
            expected += 2;
            assertEquals(expected, clients.get(i % 2).incrementedValue(2));
            expected += 3;
            Matcher m = COUNT_VALUE.matcher(http.get((i + 1) % 2).get("/increment?by=3").body());
            assertTrue(m.find());
            assertEquals(expected, Long.parseLong(m.group(1)));
        }
    }

    @Test
    void healthIsServingAndReflectionListsTheService() throws Exception {
        await("health to follow /ready").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> clients.get(0).health("") == ServingStatus.SERVING);
        assertEquals(ServingStatus.SERVING, clients.get(0).health("counter.incrementCounter"));
        List<String> services = clients.get(1).reflectedServices();
        assertTrue(services.containsAll(List.of("counter.incrementCounter", "grpc.health.v1.Health")), services.toString());
    }

    @Test
    void callsAreTimedByMethodAndCodeOnTheHttpMetrics() {
        clients.get(0).increment(2);
        clients.get(0).failure(-1, TIMEOUT);
        String text = http.get(0).get("/metrics").body();
        Map<String, String> families = MetricsLint.assertClean(text, StandardMeters.ACCEPTED_LINT_FINDINGS);
        assertEquals("histogram", families.get("counter_grpc_request_duration_seconds"));
        assertTrue(families.keySet().stream().noneMatch(n -> n.startsWith("grpc_server")), families::toString);
        assertTrue(text.matches("(?s).*\ncounter_grpc_request_duration_seconds_count\\{[^}]*code=\"OK\""
                + "[^}]*method=\"increment\"[^}]*} 1\n.*"), text);
        assertTrue(text.matches("(?s).*\ncounter_grpc_request_duration_seconds_count\\{[^}]*code=\"INVALID_ARGUMENT\""
                + "[^}]*method=\"increment\"[^}]*} 1\n.*"), text);
        assertTrue(text.contains("counter_grpc_request_duration_seconds_bucket{"), text);
    }
}
