package dev.counter.app.backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit with deadlines: requests queue up, and one round at a time takes everything waiting
 * (up to {@code maxBatch}) and commits it together. A lone request is never delayed: a round starts
 * as soon as the previous one ends, without waiting to fill a batch.
 *
 * <p>Every request carries the deadline it was given on arrival, and is answered by then whatever
 * the store does:
 *
 * <ul>
 *   <li>a request whose deadline passes while it waits is answered 503 and <em>never sent</em>;
 *   <li>a request whose deadline passes while its batch is on the wire is answered 503 at its
 *       deadline (the one case where a 503 may still be applied: the write had left);
 *   <li>a newcomer is refused at once when the queue is full or when the rounds ahead of it would
 *       outlast its deadline (estimated from the last round and the round in progress), so a
 *       stalled store costs no memory and no waiting;
 *   <li>a commit that throws, fails or never completes fails only its own batch (logged once per
 *       cause), and the next round goes ahead.
 * </ul>
 *
 * <p>Rounds, deadline sweeps and the end of each round all run on {@code rounds}, a single thread,
 * so the state of a round needs no locks, and a commit's own continuations may rely on that too.
 */
public final class Batcher<I extends Batcher.Item<?>> {
    private static final Logger LOG = Logger.getLogger(Batcher.class.getName());
    /** How late past its deadline a waiting request may be answered, at most. */
    static final long SWEEP_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** One request: its answer, and the {@link System#nanoTime()} by which it must have one. */
    public abstract static class Item<R> {
        private final long deadline;
        private final CompletableFuture<R> result = new CompletableFuture<>();

        protected Item(long deadlineNanos) {
            this.deadline = deadlineNanos;
        }

        public final long deadline() {
            return deadline;
        }

        public final CompletableFuture<R> result() {
            return result;
        }

        /** How much the request would move the store by: its metrics count in these units. */
        protected long amount() {
            return 1;
        }

        public final boolean answered() {
            return result.isDone();
        }

        /** The value for this request; ignored when it was already answered (its deadline passed). */
        public final void complete(R value) {
            result.complete(value);
        }

        public final void fail(Throwable error) {
            result.completeExceptionally(error);
        }
    }

    private final String name;
    private final int maxBatch;
    private final int maxQueued;
    private final ScheduledExecutorService rounds;
    private final Function<List<I>, CompletableFuture<Void>> commit;
    private final LongSupplier nanoTime;
    private final ConcurrentLinkedQueue<I> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();

    /** When the round in progress started; 0 while none is. Read by submitters. */
    private volatile long roundStartedAt;
    private volatile long lastRoundNanos;
    /** Only on the rounds thread. */
    private List<I> inFlight = List.of();
    /** The next sweep, while one is scheduled; it reschedules itself while anything waits. */
    private ScheduledFuture<?> sweep;
    /** The rounds thread: a commit that completes on it ends the round in place, without a hop. */
    private Thread roundThread;
    /** True while {@link #round()} hands a batch over: a commit that completes at once must not recurse. */
    private boolean handingOver;
    private String lastLoggedFailure;

    /** Told the size of every batch handed to the store. */
    private volatile IntConsumer roundSizes = size -> {
    };

    private final LongAdder rejected = new LongAdder();
    private final LongAdder expiredQueued = new LongAdder();
    private final LongAdder expiredInFlight = new LongAdder();
    private final LongAdder failedRounds = new LongAdder();

    /**
     * @param name what the batches are of, for logs, errors and metrics ("status", "counter", …)
     * @param maxQueued requests that may wait; beyond it newcomers are refused at once
     * @param rounds a single-threaded executor: where rounds, sweeps and round ends run
     * @param commit commits one batch; it answers each item (complete or fail) and its future ends
     *     the round. Items it leaves unanswered are failed.
     */
    public Batcher(String name, int maxBatch, int maxQueued, ScheduledExecutorService rounds,
            Function<List<I>, CompletableFuture<Void>> commit, LongSupplier nanoTime) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.maxQueued = maxQueued;
        this.rounds = rounds;
        this.commit = commit;
        this.nanoTime = nanoTime;
    }

    public Batcher(String name, int maxBatch, int maxQueued, ScheduledExecutorService rounds,
            Function<List<I>, CompletableFuture<Void>> commit) {
        this(name, maxBatch, maxQueued, rounds, commit, System::nanoTime);
    }

    public void submit(I item) {
        long now = nanoTime.getAsLong();
        if (item.deadline() - now <= 0) {
            expire(item, false);
            return;
        }
        if (queued.get() >= maxQueued || outlasts(item.deadline() - now, now)) {
            rejected.increment();
            item.fail(new BackendUnavailableException(name + ": the backlog cannot be served within the deadline"));
            return;
        }
        queued.incrementAndGet();
        queue.add(item);
        if (running.compareAndSet(false, true)) {
            rounds.execute(this::round);
        }
    }

    /**
     * Whether the rounds ahead of a newcomer would take longer than {@code left}: the round in
     * progress (at least as long as it has run so far, or as the last one) and one per full batch
     * waiting. With nothing in progress a request always goes: that is how a recovered store is
     * noticed after a stall made every round time out.
     */
    private boolean outlasts(long left, long now) {
        long started = roundStartedAt;
        if (started == 0) {
            return false;
        }
        long round = Math.max(lastRoundNanos, now - started);
        return round * (1 + queued.get() / maxBatch) > left;
    }

    private void round() {
        long now = nanoTime.getAsLong();
        List<I> batch = new ArrayList<>();
        I item;
        while (batch.size() < maxBatch && (item = queue.poll()) != null) {
            queued.decrementAndGet();
            if (item.answered()) {
                continue; // its deadline passed while it waited: answered by a sweep, never sent
            }
            if (item.deadline() - now <= 0) {
                expire(item, false);
                continue;
            }
            batch.add(item);
        }
        if (batch.isEmpty()) {
            running.set(false);
            // an item may have been queued after the poll above, while running was still true
            if (!queue.isEmpty() && running.compareAndSet(false, true)) {
                rounds.execute(this::round);
            }
            return;
        }
        inFlight = batch;
        roundThread = Thread.currentThread();
        roundStartedAt = now == 0 ? 1 : now;
        long latest = now;
        for (I i : batch) {
            latest = Math.max(latest, i.deadline());
        }
        if (sweep == null) {
            scheduleSweep(now);
        }
        roundSizes.accept(batch.size());
        CompletableFuture<Void> committed;
        handingOver = true;
        try {
            committed = commit.apply(batch);
        } catch (RuntimeException | Error e) {
            committed = CompletableFuture.failedFuture(e);
        }
        // past the last deadline nobody waits for this batch: a commit that never completes must
        // not hold up the next round
        committed.orTimeout(Math.max(1, latest - now), TimeUnit.NANOSECONDS).whenComplete((done, error) -> {
            if (Thread.currentThread() == roundThread && !handingOver) {
                finish(batch, error, now); // the commit's last step ran on the rounds thread: no hop
            } else {
                rounds.execute(() -> finish(batch, error, now));
            }
        });
        handingOver = false;
    }

    private void finish(List<I> batch, Throwable error, long startedAt) {
        inFlight = List.of();
        lastRoundNanos = nanoTime.getAsLong() - startedAt;
        roundStartedAt = 0;
        Throwable cause = error == null ? null : Failures.unwrap(error);
        // a store-state refusal is a definite "not applied"; anything else may have been
        boolean outcomeUnknown = !(cause instanceof StoreStateException);
        RuntimeException failure = null;
        for (I item : batch) {
            if (!item.answered()) {
                if (failure == null) {
                    failure = failureOf(cause);
                }
                if (outcomeUnknown) {
                    expiredInFlight.add(item.amount());
                }
                item.fail(failure);
            }
        }
        if (cause != null) {
            failedRounds.increment();
            logOnce(cause);
        } else {
            lastLoggedFailure = null;
        }
        round();
    }

    private RuntimeException failureOf(Throwable cause) {
        if (cause == null) {
            return new BackendUnavailableException(name + ": the commit ended without answering every request");
        }
        if (cause instanceof RuntimeException r && (r instanceof BackendUnavailableException
                || r instanceof StoreStateException)) {
            return r;
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return new BackendUnavailableException(name + ": no answer before the deadline", cause);
        }
        return new BackendUnavailableException(name + ": batch failed: " + cause, cause);
    }

    /** One line per cause: a store that stays down must not flood the log with one per round. */
    private void logOnce(Throwable cause) {
        String what = cause.getClass().getName() + ": " + cause.getMessage();
        if (!what.equals(lastLoggedFailure)) {
            lastLoggedFailure = what;
            boolean expected = cause instanceof BackendUnavailableException || cause instanceof StoreStateException
                    || cause instanceof java.util.concurrent.TimeoutException;
            LOG.log(expected ? Level.WARNING : Level.SEVERE, name + " batch failed; the next one proceeds: " + what,
                    expected ? null : cause);
        }
    }

    /**
     * At the earliest deadline still waiting (the batch in flight's first, the queue's head), and
     * at least every {@link #SWEEP_TICK_NANOS} while anything waits: requests queued after the
     * round began are answered by their deadline without a timer each, and a busy batcher pays
     * for one timer per tick, not one per round.
     */
    private void scheduleSweep(long now) {
        long next = inFlight.isEmpty() && queue.isEmpty() ? Long.MAX_VALUE : now + SWEEP_TICK_NANOS;
        for (I i : inFlight) {
            if (!i.answered()) {
                next = Math.min(next, i.deadline());
                break; // a batch is in arrival order, so its first unanswered item is due first
            }
        }
        I head = queue.peek();
        if (head != null) {
            next = Math.min(next, head.deadline());
        }
        sweep = next == Long.MAX_VALUE ? null
                : rounds.schedule(this::sweep, Math.max(0, next - now), TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        long now = nanoTime.getAsLong();
        for (I i : inFlight) {
            if (!i.answered() && i.deadline() - now <= 0) {
                expire(i, true);
            }
        }
        for (Iterator<I> it = queue.iterator(); it.hasNext(); ) {
            I i = it.next();
            if (i.deadline() - now > 0) {
                break;
            }
            it.remove();
            queued.decrementAndGet();
            if (!i.answered()) {
                expire(i, false);
            }
        }
        scheduleSweep(now);
    }

    private void expire(I item, boolean sent) {
        (sent ? expiredInFlight : expiredQueued).add(item.amount());
        item.fail(BackendUnavailableException.deadlinePassed(name + ": no answer before the deadline"
                + (sent ? " (the write was sent and may still be applied)" : " (never sent)")));
    }

    /** {@code sizes} is told the size of every batch from now on, on the rounds thread. */
    public void onRound(IntConsumer sizes) {
        this.roundSizes = sizes;
    }

    public int queueDepth() {
        return queued.get();
    }

    public String name() {
        return name;
    }

    public long rejected() {
        return rejected.sum();
    }

    public long expiredQueued() {
        return expiredQueued.sum();
    }

    public long expiredInFlight() {
        return expiredInFlight.sum();
    }

    public long failedRounds() {
        return failedRounds.sum();
    }
}
