package dev.counter.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.Increment;
import dev.counter.app.backend.StoreStateException;
import dev.counter.app.config.BackendType;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The readiness cache: one check shared by concurrent probes, its age, and the reasons it gives. */
class ReadinessTest {
    /** A backend whose checks are futures the test completes; nothing else is called. */
    private static final class CheckedBackend implements CounterBackend {
        final Deque<CompletableFuture<Void>> checks = new ArrayDeque<>();

        @Override
        public BackendType type() {
            return BackendType.REDIS;
        }

        @Override
        public CompletableFuture<Void> checkReady() {
            CompletableFuture<Void> check = new CompletableFuture<>();
            checks.add(check);
            return check;
        }

        @Override
        public CompletableFuture<Increment> incrementForStatus() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Increment> incrementForStatusV2() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> incrementBy(long by) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> fetch() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<BigInteger> fibonacciCurrent() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<BigInteger> fibonacciNext() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<BigInteger> fibonacciPrevious() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<String> describeHealth() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long lastObservedValue() {
            return -1;
        }

        @Override
        public void close() {
        }
    }

    private final CheckedBackend backend = new CheckedBackend();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Drain drain = new Drain();
    private final Readiness readiness = new Readiness(backend, Duration.ofMillis(200), drain, now::get);

    private static String reason(CompletableFuture<Readiness.Verdict> verdict) throws Exception {
        return verdict.get(5, TimeUnit.SECONDS).reason();
    }

    @Test
    void concurrentProbesShareOneCheckAndItsAnswerIsCachedForASecond() throws Exception {
        CompletableFuture<Readiness.Verdict> first = readiness.check();
        CompletableFuture<Readiness.Verdict> second = readiness.check();
        assertSame(first, second, "a check in progress is shared");
        assertEquals(1, backend.checks.size());
        backend.checks.peek().complete(null);
        assertNull(reason(first));

        now.addAndGet(Readiness.MAX_AGE.toNanos() - 1);
        assertNull(reason(readiness.check()));
        assertEquals(1, backend.checks.size(), "still cached");
        now.addAndGet(2);
        CompletableFuture<Readiness.Verdict> fresh = readiness.check();
        assertEquals(2, backend.checks.size(), "older than a second: checked again");
        backend.checks.peekLast().completeExceptionally(new BackendUnavailableException("redis: refused"));
        assertEquals("backend unavailable", reason(fresh));
    }

    @Test
    void theStoresOwnWordsExplainALostOrUnusableCounter() throws Exception {
        CompletableFuture<Readiness.Verdict> lost = readiness.check();
        backend.checks.peek().completeExceptionally(new StoreStateException(StoreStateException.Kind.LOST,
                "the store has no counter, but 41 was handed out; resume above 41"));
        assertEquals("counter state lost: the store has no counter, but 41 was handed out; resume above 41",
                reason(lost));

        now.addAndGet(Readiness.MAX_AGE.toNanos());
        CompletableFuture<Readiness.Verdict> unusable = readiness.check();
        backend.checks.peekLast().completeExceptionally(
                new StoreStateException(StoreStateException.Kind.UNUSABLE, "counter/base holds \"x\", not a number"));
        assertEquals("stored value unusable: counter/base holds \"x\", not a number", reason(unusable));

        now.addAndGet(Readiness.MAX_AGE.toNanos());
        CompletableFuture<Readiness.Verdict> repaired = readiness.check();
        backend.checks.peekLast().complete(null);
        assertNull(reason(repaired), "ready again by itself once the store is repaired");
    }

    @Test
    void aCheckThatNeverAnswersIsBoundedByTheDeadline() throws Exception {
        long start = System.nanoTime();
        assertEquals("backend unavailable", reason(readiness.check()));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void drainingIsNotReadyWithoutAskingTheBackend() throws Exception {
        drain.start();
        assertEquals("shutting down", reason(readiness.check()));
        assertTrue(backend.checks.isEmpty());
    }
}
