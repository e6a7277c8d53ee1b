package dev.counter.app.backend.etcd;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.Batcher;
import dev.counter.app.backend.Failures;
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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Lock-free updates of one etcd key by compare-and-swap, with concurrent updates combined
 * ({@link Batcher}): a batch's steps are applied in order to the last known state and committed in
 * one transaction, {@code if modRevision(key) == r then put(key, new) else get(key)}. On success
 * each request gets its own intermediate state; on conflict the else branch brings the current
 * state and revision, and the same batch is tried again at once, with no extra read, until the
 * deadline.
 *
 * <p>No locks (etcd locks do not guarantee mutual exclusion) and no automatic retry of the
 * transaction (a blind retry could apply a batch twice). When a commit's outcome is unknown (its
 * deadline passed), its requests get 503; if it did commit after all, the next round's compare
 * fails and re-reads, so no state is handed out twice.
 */
final class CasCombiner<S> {
    private record Pending<S>(UnaryOperator<S> step, CompletableFuture<S> result) {
    }

    private final String name;
    private final KV kv;
    private final ByteSequence key;
    private final StateCodec<S> codec;
    private final long timeoutNanos;
    private final Batcher<Pending<S>> batcher;
    /** Written and read only by the round in progress; rounds never overlap. */
    private S known;
    private long knownModRevision;
    private final LongAdder commits = new LongAdder();

    CasCombiner(String name, KV kv, ByteSequence key, StateCodec<S> codec, long timeoutMillis, int maxBatch,
            Executor rounds) {
        this.name = name;
        this.kv = kv;
        this.key = key;
        this.codec = codec;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.batcher = new Batcher<>(maxBatch, rounds, this::commit);
        this.known = codec.absent();
        this.knownModRevision = 0; // etcd compares an absent key's modRevision as 0
    }

    /** Applies {@code step} atomically; the state it produced. */
    CompletableFuture<S> submit(UnaryOperator<S> step) {
        Pending<S> pending = new Pending<>(step, new CompletableFuture<>());
        batcher.submit(pending);
        return pending.result();
    }

    private CompletableFuture<Void> commit(List<Pending<S>> batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(batch, System.nanoTime() + timeoutNanos, done);
        return done;
    }

    private void attempt(List<Pending<S>> batch, long deadline, CompletableFuture<Void> done) {
        List<S> states = new ArrayList<>(batch.size());
        S state = known;
        for (Pending<S> pending : batch) {
            state = pending.step().apply(state);
            states.add(state);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            fail(batch, done, new BackendUnavailableException("etcd: " + name + " not committed before the deadline"));
            return;
        }
        S next = state;
        kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(knownModRevision)))
                .Then(Op.put(key, codec.encode(next), PutOption.DEFAULT))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit()
                .orTimeout(left, TimeUnit.NANOSECONDS)
                .whenComplete((response, error) -> {
                    if (error != null) {
                        Throwable cause = Failures.unwrap(error);
                        fail(batch, done, new BackendUnavailableException(
                                "etcd: " + name + " commit failed or its outcome is unknown: " + cause, cause));
                    } else if (response.isSucceeded()) {
                        known = next;
                        // the transaction's revision is the key's new modRevision
                        knownModRevision = response.getHeader().getRevision();
                        commits.increment();
                        for (int i = 0; i < batch.size(); i++) {
                            batch.get(i).result().complete(states.get(i));
                        }
                        done.complete(null);
                    } else {
                        learn(response.getGetResponses().get(0));
                        attempt(batch, deadline, done);
                    }
                });
    }

    private void learn(GetResponse get) {
        if (get.getKvs().isEmpty()) {
            known = codec.absent();
            knownModRevision = 0;
        } else {
            KeyValue kv = get.getKvs().get(0);
            known = codec.decode(kv.getValue());
            knownModRevision = kv.getModRevision();
        }
    }

    private static <S> void fail(List<Pending<S>> batch, CompletableFuture<Void> done, BackendUnavailableException e) {
        batch.forEach(p -> p.result().completeExceptionally(e));
        done.complete(null);
    }

    long commits() {
        return commits.sum();
    }
}
