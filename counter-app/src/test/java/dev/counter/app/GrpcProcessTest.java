package dev.counter.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.grpc.GrpcClient;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.Http;
import dev.counter.testkit.RedisServer;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real process with its gRPC port: the start-up line, a taken port, and the drain on SIGTERM. */
class GrpcProcessTest {
    @Test
    void aTakenGrpcPortIsOneLineAndExit1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            try (ChildProcess p = ChildProcess.java("counter-app", Main.class.getName(),
                    Map.of("PORT", Integer.toString(FreePort.pick()), "GRPC_PORT", Integer.toString(port)))) {
                assertEquals(1, p.awaitExit(Duration.ofSeconds(30)));
                String output = p.output();
                // the transport's own words follow, e.g. "bind(..) failed with error(-98): Address already in use"
                assertTrue(output.matches("(?s).*\ncounter-app: cannot listen on gRPC port " + port
                        + ": [^\n]*Address already in use\n.*"), output);
                assertFalse(output.contains("\tat "), "no stack trace: " + output);
            }
        }
    }

    /**
     * Redis paused holds two increments in flight; SIGTERM turns health NOT_SERVING at once and
     * refuses new calls, and the two complete once Redis answers, before the process exits 0.
     */
    @Test
    void sigtermCompletesTheCallsInFlightAndRefusesNewOnes() throws Exception {
        int port = FreePort.pick();
        int grpcPort = FreePort.pick();
        try (RedisServer redis = RedisServer.start();
                ChildProcess p = ChildProcess.java("counter-app", Main.class.getName(), Map.of("PORT",
                        Integer.toString(port), "GRPC_PORT", Integer.toString(grpcPort), "COUNTER_BACKEND", "redis",
                        "REDIS_URL", redis.url(), "COUNTER_BACKEND_TIMEOUT", "60s", "SHUTDOWN_TIMEOUT", "60s"));
                GrpcClient client = new GrpcClient(grpcPort)) {
            Http http = new Http(port);
            await("gRPC health SERVING").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> client.health("") == ServingStatus.SERVING);
            assertTrue(p.output().contains("counter-app started port=" + port + " grpcPort=" + grpcPort + " backend=redis"),
                    p.output());
            assertEquals("Incremented value is 1", client.increment(1));
            List<ServingStatus> watched = new CopyOnWriteArrayList<>();
            client.watchHealth("counter.incrementCounter", watched);
            await("the watch to say SERVING").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> watched.contains(ServingStatus.SERVING));

            redis.pause();
            CompletableFuture<String> first = client.incrementAsync(2);
            CompletableFuture<String> second = client.incrementAsync(3);
            // The service runs calls in arrival order per connection: once this later call is
            // answered, both increments have reached the backend.
            assertEquals(ServingStatus.SERVING, client.health(""));

            p.terminate();
            await("health NOT_SERVING at once").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> watched.get(watched.size() - 1) == ServingStatus.NOT_SERVING);
            assertEquals(Status.Code.UNAVAILABLE, client.failure(1, Duration.ofSeconds(10)).getStatus().getCode());
            assertFalse(first.isDone() || second.isDone(), "the store has not answered yet");

            redis.resume();
            long a = GrpcClient.valueOf(first.get(30, TimeUnit.SECONDS));
            long b = GrpcClient.valueOf(second.get(30, TimeUnit.SECONDS));
            // 1 +2 +3 in either order: the last is 6, the other 3 or 4
            assertEquals(6, Math.max(a, b), a + " and " + b);
            assertTrue(Math.min(a, b) == 3 || Math.min(a, b) == 4, a + " and " + b);
            assertEquals(0, p.awaitExit(Duration.ofSeconds(30)), p.output());
            assertTrue(p.output().contains("stopped after draining"), p.output());
        }
    }
}
