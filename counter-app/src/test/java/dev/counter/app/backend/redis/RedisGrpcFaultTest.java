package dev.counter.app.backend.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.config.PodIdentity;
import dev.counter.app.grpc.GrpcClient;
import dev.counter.app.grpc.GrpcServer;
import dev.counter.app.http.CounterServer;
import dev.counter.testkit.RedisServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC API while its own redis-server is paused or killed: the status codes, never a value. */
class RedisGrpcFaultTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private RedisServer redis;
    private CounterServer server;
    private GrpcServer grpc;
    private GrpcClient client;

    @BeforeEach
    void serve() {
        redis = RedisServer.startPersistent();
        RedisBackend backend = new RedisBackend(URI.create(redis.url()), "grpc-fault", TIMEOUT);
        server = CounterServer.start("127.0.0.1", 0, backend, new PodIdentity("p", "n", "ns"), TIMEOUT);
        grpc = GrpcServer.start("127.0.0.1", 0, backend, TIMEOUT.plus(CounterServer.DEADLINE_SLACK), server::ready,
                server.meters());
        client = new GrpcClient(grpc.port());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown(Duration.ZERO, List.of(grpc));
        redis.close();
    }

    @Test
    void pausedRedisIsDeadlineExceededAtTheBackendTimeoutOrTheClientsDeadline() {
        assertEquals("Incremented value is 1", client.increment(1));
        redis.pause();
        try {
            long start = System.nanoTime();
            StatusRuntimeException backendTimeout = client.failure(1, Duration.ofSeconds(20));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Status.Code.DEADLINE_EXCEEDED, backendTimeout.getStatus().getCode(),
                    backendTimeout.getStatus().toString());
            // a bound against hanging, not a speed claim: the backend's deadline plus scheduling slack
            assertTrue(tookMillis < TIMEOUT.toMillis() + 3000, "answered after " + tookMillis + " ms");

            StatusRuntimeException clientDeadline = client.failure(1, Duration.ofMillis(100));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, clientDeadline.getStatus().getCode());
        } finally {
            redis.resume();
        }
        // the batcher refuses newcomers until a round shows the store is fast again
        AtomicLong after = new AtomicLong();
        await("increments to succeed again").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            after.set(client.incrementedValue(1));
            return true;
        });
        assertTrue(after.get() >= 2, "the increments that timed out may have landed, never a made-up value: " + after);
    }

    @Test
    void anUnusableStoredValueIsUnavailableWithTheReasonAndNeverAValue() {
        assertEquals("Incremented value is 1", client.increment(1));
        assertEquals("+OK", redis.command("SET", "{grpc-fault}:value", "garbage"));
        StatusRuntimeException e = client.failure(1, Duration.ofSeconds(20));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().startsWith("stored value unusable: "), e.getStatus().toString());
        assertEquals(Status.Code.UNAVAILABLE, client.failure(0, Duration.ofSeconds(20)).getStatus().getCode(),
                "value 0 reads the same unusable value");
    }

    @Test
    void killedRedisIsUnavailableAndHealthNotServingUntilItIsBack() {
        await("health SERVING").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> client.health("") == ServingStatus.SERVING);
        assertEquals("Incremented value is 1", client.increment(1));

        redis.kill();
        StatusRuntimeException down = client.failure(1, Duration.ofSeconds(20));
        assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode(), down.getStatus().toString());
        await("health NOT_SERVING").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> client.health("counter.incrementCounter") == ServingStatus.NOT_SERVING);
        assertEquals(ServingStatus.NOT_SERVING, client.health(""));

        redis.startProcess();
        await("health SERVING again").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> client.health("") == ServingStatus.SERVING);
        assertEquals("Incremented value is 2", client.increment(1));
    }
}
