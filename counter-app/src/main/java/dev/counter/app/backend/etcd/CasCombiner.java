package dev.counter.app.backend.etcd;

import dev.counter.app.backend.Batcher;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Lock-free updates of one etcd key by compare-and-swap, with concurrent updates combined
 * ({@link Batcher}): a batch's steps are applied in order to the last known state and committed in
 * one transaction, {@code if modRevision(key) == r then put(key, new) else get(key)}. On success
 * each request gets its own intermediate state; on conflict the else branch brings the current
 * state and revision, and the batch's requests still waiting are tried again at once, with no
 * extra read, until their deadlines ({@link Batcher}): a request answered 503 is never applied
 * later. Continuations run on the rounds thread, the only one that touches the known state.
 *
 * <p>No locks (etcd locks do not guarantee mutual exclusion) and no automatic retry of the
 * transaction (a blind retry could apply a batch twice). When a commit's outcome is unknown (its
 * deadline passed), its requests get 503; if it did commit after all, the next round's compare
 * fails and re-reads, so no state is handed out twice.
 */
final class CasCombiner<S> {
    private static final class Pending<S> extends Batcher.Item<S> {
        final UnaryOperator<S> step;

        Pending(UnaryOperator<S> step, long deadline) {
            super(deadline);
            this.step = step;
        }
    }

    private final String name;
    private final KV kv;
    private final ByteSequence key;
    private final StateCodec<S> codec;
    private final long timeoutNanos;
    private final ScheduledExecutorService rounds;
    private final Batcher<Pending<S>> batcher;
    /** Written and read only by the round in progress; rounds never overlap. */
    private S known;
    private long knownModRevision;
    private final LongAdder commits = new LongAdder();

    CasCombiner(String name, KV kv, ByteSequence key, StateCodec<S> codec, long timeoutMillis, int maxBatch,
            int maxQueued, ScheduledExecutorService rounds) {
        this.name = name;
        this.kv = kv;
        this.key = key;
        this.codec = codec;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.rounds = rounds;
        this.batcher = new Batcher<>(name, maxBatch, maxQueued, rounds, this::commit);
        this.known = codec.absent();
        this.knownModRevision = 0; // etcd compares an absent key's modRevision as 0
    }

    /** Applies {@code step} atomically; the state it produced. */
    CompletableFuture<S> submit(UnaryOperator<S> step) {
        Pending<S> pending = new Pending<>(step, System.nanoTime() + timeoutNanos);
        batcher.submit(pending);
        return pending.result();
    }

    Batcher<?> batcher() {
        return batcher;
    }

    private CompletableFuture<Void> commit(List<Pending<S>> batch) {
        List<Pending<S>> live = new ArrayList<>(batch.size());
        for (Pending<S> p : batch) {
            if (!p.answered()) {
                live.add(p);
            }
        }
        if (live.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<S> states = new ArrayList<>(live.size());
        S state = known;
        for (Pending<S> pending : live) {
            state = pending.step.apply(state);
            states.add(state);
        }
        S next = state;
        return kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(knownModRevision)))
                .Then(Op.put(key, codec.encode(next), PutOption.DEFAULT))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit()
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .thenComposeAsync(response -> {
                    if (response.isSucceeded()) {
                        known = next;
                        // the transaction's revision is the key's new modRevision
                        knownModRevision = response.getHeader().getRevision();
                        commits.increment();
                        for (int i = 0; i < live.size(); i++) {
                            live.get(i).complete(states.get(i));
                        }
                        return CompletableFuture.completedFuture(null);
                    }
                    learn(response.getGetResponses().get(0));
                    return commit(live);
                }, rounds);
    }

    private void learn(GetResponse get) {
        if (get.getKvs().isEmpty()) {
            known = codec.absent();
            knownModRevision = 0;
        } else {
            KeyValue kv = get.getKvs().get(0);
            known = Values.state(kv, codec);
            knownModRevision = kv.getModRevision();
        }
    }

    long commits() {
        return commits.sum();
    }
}
