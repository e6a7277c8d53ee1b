package dev.counter.app.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.Increment;
import dev.counter.app.backend.memory.MemoryBackend;
import dev.counter.app.config.BackendType;
import dev.counter.app.config.PodIdentity;
import dev.counter.app.config.Strategy;
import dev.counter.testkit.Http;
import dev.counter.testkit.Http.Answer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Shutdown turns the pod unready at once, refuses new work, and lets the work in flight finish. */
class GracefulShutdownTest {

    /** A memory backend whose {@code /status} increments wait until the test opens the gate. */
    private static final class GatedBackend implements CounterBackend {
        final MemoryBackend delegate = new MemoryBackend(Strategy.ATOMIC);
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        final AtomicBoolean entered = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override public BackendType type() { return BackendType.MEMORY; }
        @Override public CompletableFuture<Increment> incrementForStatus() {
            entered.set(true);
            return gate.thenCompose(v -> delegate.incrementForStatus());
        }
        @Override public CompletableFuture<Increment> incrementForStatusV2() { return delegate.incrementForStatusV2(); }
        @Override public CompletableFuture<Long> incrementBy(long by) { return delegate.incrementBy(by); }
        @Override public CompletableFuture<Long> fetch() { return delegate.fetch(); }
        @Override public CompletableFuture<BigInteger> fibonacciCurrent() { return delegate.fibonacciCurrent(); }
        @Override public CompletableFuture<BigInteger> fibonacciNext() { return delegate.fibonacciNext(); }
        @Override public CompletableFuture<BigInteger> fibonacciPrevious() { return delegate.fibonacciPrevious(); }
        @Override public CompletableFuture<String> describeHealth() { return delegate.describeHealth(); }
        @Override public CompletableFuture<Void> checkReady() { return delegate.checkReady(); }
        @Override public long lastObservedValue() { return delegate.lastObservedValue(); }
        @Override public void close() { closed.set(true); delegate.close(); }
    }

    private static CounterServer start(CounterBackend backend) {
        return CounterServer.start("127.0.0.1", 0, backend, new PodIdentity("p", "n", "ns"), Duration.ofSeconds(2));
    }

    @Test
    void inFlightRequestCompletesWhileNewWorkIsRefused() throws Exception {
        GatedBackend backend = new GatedBackend();
        CounterServer server = start(backend);
        Http http = new Http(server.port());
        CompletableFuture<Answer> inFlight = http.getAsync("/status");
        await("the request to reach the backend").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(backend.entered::get);

        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(20)));
        await("/ready to turn 503").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 503);
        assertEquals("{\"status\":\"not ready\",\"backend\":\"memory\",\"reason\":\"shutting down\","
                + "\"highWaterMark\":0}",
                http.get("/ready").body());
        Answer refused = http.get("/increment");
        assertEquals(503, refused.status());
        assertEquals("{\"error\":\"shutting down\"}", refused.body());
        assertEquals(200, http.get("/health").status(), "liveness keeps answering while draining");
        assertFalse(shutdown.isDone(), "shutdown waits for the request in flight");

        backend.gate.complete(null);
        Answer answer = inFlight.get();
        assertEquals(200, answer.status());
        assertTrue(answer.body().startsWith("{\"counter\":1,"), answer.body());
        assertTrue(shutdown.get(), "drained within the timeout");
        assertTrue(backend.closed.get(), "backend closed after the server stopped");
    }

    @Test
    void shutdownIsBoundedByItsTimeout() {
        GatedBackend backend = new GatedBackend();
        CounterServer server = start(backend);
        new Http(server.port()).getAsync("/status");
        await("the request to reach the backend").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(backend.entered::get);
        long start = System.nanoTime();
        assertFalse(server.shutdown(Duration.ofMillis(300)), "a request never completed");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= 300, "waited the timeout, took " + tookMillis + " ms");
        assertTrue(backend.closed.get());
    }
}
