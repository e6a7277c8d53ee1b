package dev.counter.app.backend;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private static final Duration DEADLINE = Duration.ofMillis(300);
    /** Scheduling slack on a shared 2-core machine: a bound against hanging, not a speed claim. */
    private static final long SLACK_MILLIS = 250;

    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor();
    /** Every batch the commit function was given, in order. */
    private final List<List<Integer>> committed = new CopyOnWriteArrayList<>();

    private static final class Req extends Batcher.Item<Integer> {
        final int id;

        Req(int id, Duration deadline) {
            super(System.nanoTime() + deadline.toNanos());
            this.id = id;
        }
    }

    @AfterEach
    void stop() {
        rounds.shutdownNow();
    }

    private Batcher<Req> batcher(int maxQueued, Function<List<Req>, CompletableFuture<Void>> commit) {
        return new Batcher<>("test", 4, maxQueued, rounds, batch -> {
            committed.add(batch.stream().map(r -> r.id).toList());
            return commit.apply(batch);
        });
    }

    /** Rounds start on their own thread: wait until {@code n} have been handed to the commit. */
    private void awaitCommits(int n) {
        await(n + " commits").atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> committed.size() >= n);
    }

    private static CompletableFuture<Void> answerAll(List<Req> batch) {
        batch.forEach(r -> r.complete(r.id));
        return CompletableFuture.completedFuture(null);
    }

    private static Throwable failureOf(Req r) throws InterruptedException {
        try {
            r.result().get(5, TimeUnit.SECONDS);
            throw new AssertionError("request " + r.id + " succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("request " + r.id + " was never answered");
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void aLoneRequestGoesAtOnceAndWaitingOnesShareTheNextRound() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Batcher<Req> b = batcher(100, batch -> committed.size() == 1
                ? release.thenRun(() -> answerAll(batch)) : answerAll(batch));
        Req first = new Req(0, Duration.ofSeconds(5));
        b.submit(first);
        awaitCommits(1);
        List<Req> waiting = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            waiting.add(new Req(i, Duration.ofSeconds(5)));
            b.submit(waiting.get(i - 1));
        }
        release.complete(null);
        assertEquals(0, first.result().get(5, TimeUnit.SECONDS));
        for (Req r : waiting) {
            assertEquals(r.id, r.result().get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4), List.of(5, 6)), committed);
    }

    @Test
    void aCommitThatNeverAnswersFailsItsRequestsAtTheirDeadlineAndTheNextRoundProceeds() throws Exception {
        Batcher<Req> b = batcher(100, batch -> committed.size() == 1 ? new CompletableFuture<>() : answerAll(batch));
        long start = System.nanoTime();
        Req stuck = new Req(1, DEADLINE);
        b.submit(stuck);
        Throwable failure = failureOf(stuck);
        long took = millisSince(start);
        assertInstanceOf(BackendUnavailableException.class, failure);
        assertTrue(failure.getMessage().contains("may still be applied"), failure.getMessage());
        assertTrue(took >= DEADLINE.toMillis() - 5 && took < DEADLINE.toMillis() + SLACK_MILLIS, took + " ms");

        // the round itself ends at the batch's last deadline; until then it is the one in progress
        await("the stuck round to end").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> b.failedRounds() == 1);
        Req next = new Req(2, DEADLINE);
        b.submit(next);
        assertEquals(2, next.result().get(5, TimeUnit.SECONDS), "the batcher is not wedged");
        assertEquals(1, b.expiredInFlight());
    }

    @Test
    void requestsWaitingBehindAStuckRoundAreAnsweredAtTheirDeadlineAndNeverSent() throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        Batcher<Req> b = batcher(100, batch -> committed.size() == 1 ? never : answerAll(batch));
        b.submit(new Req(1, Duration.ofSeconds(3)));
        awaitCommits(1);
        long start = System.nanoTime();
        Req queued = new Req(2, DEADLINE);
        b.submit(queued);
        Throwable failure = failureOf(queued);
        long took = millisSince(start);
        assertTrue(failure.getMessage().contains("never sent"), failure.getMessage());
        assertTrue(took < DEADLINE.toMillis() + SLACK_MILLIS, took + " ms");
        never.complete(null); // the stuck round ends: the expired request must not be committed now
        rounds.submit(() -> { }).get(5, TimeUnit.SECONDS); // the round's end runs before this
        Req later = new Req(3, DEADLINE);
        b.submit(later);
        assertEquals(3, later.result().get(5, TimeUnit.SECONDS));
        assertFalse(committed.stream().anyMatch(batch -> batch.contains(2)), "committed: " + committed);
        assertEquals(1, b.expiredQueued());
    }

    @Test
    void anExceptionFailsOnlyItsBatchAndIsLoggedOncePerCause() throws Exception {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(Batcher.class.getName());
        log.addHandler(capture);
        try {
            Batcher<Req> b = batcher(100, batch -> {
                if (batch.get(0).id < 3) {
                    throw new NumberFormatException("For input string: \"garbage\"");
                }
                return answerAll(batch);
            });
            for (int i = 1; i <= 2; i++) {
                Req r = new Req(i, DEADLINE);
                b.submit(r);
                Throwable failure = failureOf(r);
                assertInstanceOf(BackendUnavailableException.class, failure, "a 503, not a 500");
                assertTrue(failure.getMessage().contains("garbage"), failure.getMessage());
            }
            Req ok = new Req(3, DEADLINE);
            b.submit(ok);
            assertEquals(3, ok.result().get(5, TimeUnit.SECONDS));
            assertEquals(1, logged.size(), "one line for one cause, however many rounds fail with it");
            assertTrue(logged.get(0).getMessage().contains("garbage"));
            assertEquals(2, b.failedRounds());
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aFullQueueRefusesNewcomersAtOnce() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Batcher<Req> b = batcher(3, batch -> committed.size() == 1 ? release.thenRun(() -> answerAll(batch))
                : answerAll(batch));
        b.submit(new Req(0, Duration.ofSeconds(5)));
        awaitCommits(1);
        for (int i = 1; i <= 3; i++) {
            b.submit(new Req(i, Duration.ofSeconds(5)));
        }
        long start = System.nanoTime();
        Req refused = new Req(9, Duration.ofSeconds(5));
        b.submit(refused);
        assertTrue(refused.answered(), "refused in submit itself");
        assertTrue(failureOf(refused).getMessage().contains("backlog"));
        assertTrue(millisSince(start) < SLACK_MILLIS);
        assertEquals(1, b.rejected());
        release.complete(null);
    }

    @Test
    void afterARoundOutlastedTheDeadlineNewcomersAreRefusedUntilALoneRequestSucceedsAgain() throws Exception {
        List<CompletableFuture<Void>> commits = new CopyOnWriteArrayList<>();
        Batcher<Req> b = batcher(100, batch -> {
            CompletableFuture<Void> c = new CompletableFuture<>();
            commits.add(c);
            return c;
        });
        Req first = new Req(1, DEADLINE);
        b.submit(first);
        failureOf(first); // the stalled store: the round outlasts the deadline
        await("the stalled round to end").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> b.failedRounds() == 1);
        Req probe = new Req(2, DEADLINE);
        b.submit(probe); // nothing in progress: it goes, as a probe of the store
        awaitCommits(2);
        Req newcomer = new Req(3, DEADLINE.dividedBy(2));
        b.submit(newcomer);
        assertTrue(newcomer.answered(), "refused at once: the round ahead takes longer than its deadline");
        assertEquals(1, b.rejected());
        // the store is back: the probe's round answers quickly, and newcomers are accepted again
        probe.complete(2);
        commits.get(1).complete(null);
        rounds.submit(() -> { }).get(5, TimeUnit.SECONDS); // the round's end runs before this
        Req after = new Req(4, Duration.ofSeconds(5));
        b.submit(after);
        assertFalse(after.answered(), "accepted once the store answered again");
        awaitCommits(3);
    }
}
