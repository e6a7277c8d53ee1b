package dev.counter.app.backend.etcd;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.Failures;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Lock-free updates of one etcd key by compare-and-swap, with concurrent updates combined.
 *
 * <p>Requests queue up; one round at a time takes everything waiting (up to {@code maxBatch}),
 * applies the steps in order to the last known state, and commits the result in one transaction:
 * {@code if modRevision(key) == r then put(key, new) else get(key)}. On success each request gets
 * its own intermediate state (for the counter: its own consecutive value). On conflict the else
 * branch returns the current state and revision, and the same batch is tried again at once, with
 * no extra read, until the deadline. A lone request is never delayed: a round starts as soon as the
 * previous one ends, without waiting to fill a batch.
 *
 * <p>No locks (etcd locks do not guarantee mutual exclusion), and no automatic retry of the
 * transaction (a blind retry could apply a batch twice). When a commit's outcome is unknown (its
 * deadline passed), its requests get 503; if it did commit later, its values are skipped, never
 * handed out twice, because the next round's compare fails and re-reads.
 */
final class CasCombiner<S> {

    /** A committed state with the epoch second written with it. */
    record Committed<S>(S state, long epochSecond) {
    }

    private record Pending<S>(UnaryOperator<S> step, CompletableFuture<Committed<S>> result) {
    }

    private final String name;
    private final KV kv;
    private final ByteSequence key;
    private final ByteSequence changedKey;
    private final StateCodec<S> codec;
    private final long timeoutNanos;
    private final int maxBatch;
    private final LongSupplier epochSeconds;
    private final Executor rounds;

    private final ConcurrentLinkedQueue<Pending<S>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    /** Written and read only by the round in progress; rounds never overlap. */
    private S known;
    private long knownModRevision;

    private final LongAdder commits = new LongAdder();
    private final LongAdder committedSteps = new LongAdder();
    private final LongAdder conflicts = new LongAdder();

    /**
     * @param changedKey also written in every commit with the commit's epoch second, or null
     * @param rounds where rounds start, so that a failing etcd cannot recurse through callbacks
     */
    CasCombiner(String name, KV kv, ByteSequence key, ByteSequence changedKey, StateCodec<S> codec,
            long timeoutMillis, int maxBatch, LongSupplier epochSeconds, Executor rounds) {
        this.name = name;
        this.kv = kv;
        this.key = key;
        this.changedKey = changedKey;
        this.codec = codec;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.maxBatch = maxBatch;
        this.epochSeconds = epochSeconds;
        this.rounds = rounds;
        this.known = codec.absent();
        this.knownModRevision = 0; // etcd compares an absent key's modRevision as 0
    }

    CompletableFuture<Committed<S>> submit(UnaryOperator<S> step) {
        Pending<S> pending = new Pending<>(step, new CompletableFuture<>());
        queue.add(pending);
        if (running.compareAndSet(false, true)) {
            rounds.execute(this::round);
        }
        return pending.result();
    }

    private void round() {
        List<Pending<S>> batch = new ArrayList<>();
        Pending<S> p;
        while (batch.size() < maxBatch && (p = queue.poll()) != null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            running.set(false);
            // a request may have queued after the poll above and seen running == true
            if (!queue.isEmpty() && running.compareAndSet(false, true)) {
                rounds.execute(this::round);
            }
            return;
        }
        attempt(batch, System.nanoTime() + timeoutNanos);
    }

    private void attempt(List<Pending<S>> batch, long deadline) {
        List<S> states = new ArrayList<>(batch.size());
        S state = known;
        for (Pending<S> pending : batch) {
            state = pending.step().apply(state);
            states.add(state);
        }
        long now = epochSeconds.getAsLong();
        List<Op> puts = new ArrayList<>(2);
        puts.add(Op.put(key, codec.encode(state), PutOption.DEFAULT));
        if (changedKey != null) {
            puts.add(Op.put(changedKey, ByteSequence.from(Long.toString(now), StandardCharsets.US_ASCII),
                    PutOption.DEFAULT));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            fail(batch, new BackendUnavailableException("etcd: " + name + " not committed before the deadline"));
            return;
        }
        S committed = state;
        kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(knownModRevision)))
                .Then(puts.toArray(Op[]::new))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit()
                .orTimeout(left, TimeUnit.NANOSECONDS)
                .whenComplete((response, error) -> {
                    if (error != null) {
                        fail(batch, new BackendUnavailableException("etcd: " + name + " commit failed or its outcome is"
                                + " unknown: " + Failures.unwrap(error), Failures.unwrap(error)));
                    } else if (response.isSucceeded()) {
                        succeed(batch, states, committed, response, now);
                    } else {
                        conflicts.increment();
                        learn(response);
                        attempt(batch, deadline);
                    }
                });
    }

    private void learn(TxnResponse response) {
        GetResponse get = response.getGetResponses().get(0);
        if (get.getKvs().isEmpty()) {
            known = codec.absent();
            knownModRevision = 0;
        } else {
            KeyValue kv = get.getKvs().get(0);
            known = codec.decode(kv.getValue());
            knownModRevision = kv.getModRevision();
        }
    }

    private void succeed(List<Pending<S>> batch, List<S> states, S committed, TxnResponse response, long now) {
        known = committed;
        // the transaction's revision is the key's new modRevision
        knownModRevision = response.getHeader().getRevision();
        commits.increment();
        committedSteps.add(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(new Committed<>(states.get(i), now));
        }
        rounds.execute(this::round);
    }

    private void fail(List<Pending<S>> batch, BackendUnavailableException error) {
        for (Pending<S> pending : batch) {
            pending.result().completeExceptionally(error);
        }
        rounds.execute(this::round);
    }

    long commits() {
        return commits.sum();
    }

    long committedSteps() {
        return committedSteps.sum();
    }

    long conflicts() {
        return conflicts.sum();
    }
}
