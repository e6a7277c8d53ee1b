package dev.counter.app.backend;

import dev.counter.app.config.BackendType;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;

/**
 * Where the one counter of a deployment and its Fibonacci state live.
 *
 * <p>Every operation is asynchronous so that the HTTP layer never blocks an IO thread: the memory
 * backend answers with completed futures, the shared backends complete them from their client's
 * event loop. A future that fails with {@link BackendUnavailableException} becomes a 503; no
 * operation ever completes with a value the store did not confirm.
 */
public interface CounterBackend extends AutoCloseable {

    BackendType type();

    /** {@code /status}: one increment by one, with the time that same increment was recorded. */
    CompletableFuture<Increment> incrementForStatus();

    /**
     * {@code /statusV2}: the same increment; the memory backend runs it through its lock strategy
     * (the original's mutex variant, kept for comparison), shared backends as {@code /status}.
     */
    CompletableFuture<Increment> incrementForStatusV2();

    /** Adds {@code by} (already validated, ≥ 1) and returns the new value. */
    CompletableFuture<Long> incrementBy(long by);

    /** The current value, without changing it. */
    CompletableFuture<Long> fetch();

    CompletableFuture<BigInteger> fibonacciCurrent();

    /** Advances one step; returns the new current number. Steps are atomic across all callers. */
    CompletableFuture<BigInteger> fibonacciNext();

    CompletableFuture<BigInteger> fibonacciPrevious();

    /** {@code /healthz}'s words, e.g. "backend memory: ok" or "etcd members = 3". */
    CompletableFuture<String> describeHealth();

    /** Completes normally when the store is usable now; fails otherwise. */
    CompletableFuture<Void> checkReady();

    /** The last counter value this process saw, for the {@code counter_value} gauge; -1 if none. */
    long lastObservedValue();

    /**
     * The highest counter value this process has handed out or read, 0 if none: what the store
     * must never go below. {@code /ready} reports it, so that an operator can record it outside
     * the store.
     */
    default long highWaterMark() {
        return Math.max(0, lastObservedValue());
    }

    /** Registers the backend's own meters (batches, store state, reconnects); none by default. */
    default void bindMetrics(MeterRegistry registry) {
    }

    @Override
    void close();
}
