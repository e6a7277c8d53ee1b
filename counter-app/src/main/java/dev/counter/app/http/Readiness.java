package dev.counter.app.http;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.StoreStateException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Whether the pod should get traffic: the backend answered a check recently and the process is not
 * shutting down. Checks are cached for at most {@link #MAX_AGE} and shared by concurrent probes so
 * that kubelets and load balancers cannot hammer the backend.
 */
final class Readiness {
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    /** A backend check's outcome; {@code reason} is null when it succeeded. */
    record Verdict(String reason) {
        boolean ready() {
            return reason == null;
        }
    }

    private record Check(long atNanos, CompletableFuture<Verdict> verdict) {
    }

    private final CounterBackend backend;
    private final Duration checkTimeout;
    private final LongSupplier nanoTime;
    private final AtomicReference<Check> last = new AtomicReference<>();
    private final Drain drain;
    /** Whether the last completed backend check reached the store; false before the first. */
    private volatile boolean storeAnswered;

    Readiness(CounterBackend backend, Duration checkTimeout, Drain drain, LongSupplier nanoTime) {
        this.backend = backend;
        this.checkTimeout = checkTimeout;
        this.drain = drain;
        this.nanoTime = nanoTime;
    }

    CompletableFuture<Verdict> check() {
        if (drain.draining()) {
            return CompletableFuture.completedFuture(new Verdict("shutting down"));
        }
        long now = nanoTime.getAsLong();
        Check previous = last.get();
        if (previous != null && (!previous.verdict().isDone() || now - previous.atNanos() < MAX_AGE.toNanos())) {
            return previous.verdict();
        }
        Check fresh = new Check(now, new CompletableFuture<>());
        if (!last.compareAndSet(previous, fresh)) {
            return last.get().verdict();
        }
        backend.checkReady()
                .orTimeout(checkTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> {
                    storeAnswered = error == null || Failures.unwrap(error) instanceof StoreStateException;
                    fresh.verdict().complete(new Verdict(reasonOf(error)));
                });
        return fresh.verdict();
    }

    /**
     * Whether the store answered the last check: also when it answered that its counter is lost or
     * unusable, which {@code counter_state_lost} and {@code counter_store_value_unusable} report.
     */
    boolean storeAnswered() {
        return storeAnswered;
    }

    /** Null when the check passed; the store's own words when its counter is lost or unusable. */
    static String reasonOf(Throwable error) {
        if (error == null) {
            return null;
        }
        return Failures.unwrap(error) instanceof StoreStateException e ? e.reason() : "backend unavailable";
    }
}
