package dev.counter.app.backend.etcd;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.Batcher;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.Increment;
import dev.counter.app.config.IncrementRoute;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The counter in etcd, updated lock-free: counter = base + the sum of the versions of the tick keys
 * {@code tick}, {@code tick/1} … {@code tick/99}.
 *
 * <p>etcd raises a key's version by exactly one on every put. So a transaction without any
 * compare that puts k different tick keys (each with {@code prevKV}) and reads base and every tick
 * key adds exactly k, can never conflict with another writer, and tells the new counter: the k
 * requests get its last k values. The ticks' values are the {@code lastChanged} time. Adding N is a
 * compare-and-swap on base, {@code if modRevision(base) == r then put(base, b + N − 1);
 * put(tick, now) else get(base)}: base and a version move in the same revision, so the sum moves by
 * exactly N, and only other N-adds can conflict with it.
 *
 * <p>With {@link IncrementRoute#COMBINE}, requests waiting in this process join one
 * compare-and-swap ({@link Batcher}; A = the batch's total, each request gets its own consecutive
 * values): two puts however large the batch, the cheapest commit. When another instance wins the
 * race for base, a batch of +1s does not retry the compare-and-swap but takes the conflict-free
 * path, one tick key per request, so instances sharing the counter cost each other at most one
 * round trip. A lone +1 takes the conflict-free path at once. With
 * {@link IncrementRoute#VERSION}, every +1 is its own conflict-free transaction.
 *
 * <p>Versions are counted from each put's {@code prevKV} for the keys a transaction writes and from
 * the read for the others, so the result does not depend on whether a read in a transaction sees
 * that transaction's own puts.
 *
 * <p>No locks, no automatic retries (a blind retry could count twice). A commit whose outcome is
 * unknown (deadline passed) answers 503; if it did commit, its values are skipped, never handed out
 * twice. Tick keys are never deleted: deleting one would reset its version.
 */
final class EtcdCounter {
    /** Tick keys: one transaction puts at most this many, so batches are capped at it too. */
    static final int TICKS = 100;
    private static final PutOption PREV_KV = PutOption.builder().withPrevKV().build();
    private static final GetOption WITH_PREFIX = GetOption.builder().isPrefix(true).build();

    private record Pending(long by, CompletableFuture<Increment> result) {
    }

    private final KV kv;
    private final ByteSequence baseKey;
    private final ByteSequence tickPrefix;
    private final ByteSequence[] tickKeys = new ByteSequence[TICKS];
    private final IncrementRoute route;
    private final long timeoutNanos;
    private final LongSupplier epochSeconds;
    private final Batcher<Pending> batcher;
    /** Written and read only by the round in progress; rounds never overlap. */
    private long knownBase;
    private long knownBaseRevision;

    private final LongAdder commits = new LongAdder();
    private final LongAdder committedSteps = new LongAdder();
    private final LongAdder conflicts = new LongAdder();

    EtcdCounter(KV kv, String counterKey, IncrementRoute route, long timeoutMillis, LongSupplier epochSeconds,
            Executor rounds) {
        this.kv = kv;
        this.baseKey = bytes(counterKey + "/base");
        // the first tick key keeps the name of the single tick key of earlier versions
        this.tickPrefix = bytes(counterKey + "/tick");
        for (int i = 0; i < TICKS; i++) {
            tickKeys[i] = i == 0 ? tickPrefix : bytes(counterKey + "/tick/" + i);
        }
        this.route = route;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.epochSeconds = epochSeconds;
        // a batch may fall back to the conflict-free path, which needs a tick key per request
        this.batcher = new Batcher<>(TICKS, rounds, this::commit);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    ByteSequence baseKey() {
        return baseKey;
    }

    CompletableFuture<Increment> add(long by) {
        if (by == 1 && route == IncrementRoute.VERSION) {
            return tick();
        }
        Pending pending = new Pending(by, new CompletableFuture<>());
        batcher.submit(pending);
        return pending.result();
    }

    /** The conflict-free +1: one transaction, no compare. */
    private CompletableFuture<Increment> tick() {
        return ticks(1);
    }

    /**
     * Adds {@code k} ≤ {@link #TICKS}: puts k tick keys, reads base and every tick, no compare.
     * The result is the last of the k values, with the time written to the ticks.
     */
    private CompletableFuture<Increment> ticks(int k) {
        long now = epochSeconds.getAsLong();
        Op[] ops = new Op[k + 2];
        for (int i = 0; i < k; i++) {
            ops[i] = Op.put(tickKeys[i], number(now), PREV_KV);
        }
        ops[k] = Op.get(baseKey, GetOption.DEFAULT);
        ops[k + 1] = Op.get(tickPrefix, WITH_PREFIX);
        return kv.txn()
                .Then(ops)
                .commit()
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .thenApply(r -> {
                    commits.increment();
                    committedSteps.add(k);
                    return new Increment(value(r.getGetResponses().get(0)) + versionsAfter(r, 1, 0, k), now);
                });
    }

    private CompletableFuture<Void> commit(List<Pending> batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (batch.size() == 1 && batch.get(0).by() == 1) {
            // alone: nothing to combine, so take the path no other instance can conflict with
            commitTicks(batch, done);
        } else {
            long total = batch.stream().mapToLong(Pending::by).sum();
            attempt(batch, total, System.nanoTime() + timeoutNanos, done);
        }
        return done;
    }

    /** A batch of +1s as one conflict-free transaction, one tick key per request. */
    private void commitTicks(List<Pending> batch, CompletableFuture<Void> done) {
        int k = batch.size();
        ticks(k).whenComplete((last, error) -> {
            for (int i = 0; i < k; i++) {
                settle(batch.get(i).result(),
                        error == null ? new Increment(last.value() - k + 1 + i, last.changedEpochSecond()) : null,
                        error);
            }
            done.complete(null);
        });
    }

    private static void settle(CompletableFuture<Increment> result, Increment increment, Throwable error) {
        if (error == null) {
            result.complete(increment);
        } else {
            result.completeExceptionally(error);
        }
    }

    private void attempt(List<Pending> batch, long total, long deadline, CompletableFuture<Void> done) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            fail(batch, done, new BackendUnavailableException("etcd: counter not committed before the deadline"));
            return;
        }
        long now = epochSeconds.getAsLong();
        long base = knownBase;
        long newBase = base + total - 1;
        kv.txn()
                .If(new Cmp(baseKey, Cmp.Op.EQUAL, CmpTarget.modRevision(knownBaseRevision)))
                .Then(Op.put(baseKey, number(newBase), PutOption.DEFAULT),
                        Op.put(tickKeys[0], number(now), PREV_KV),
                        Op.get(tickPrefix, WITH_PREFIX))
                .Else(Op.get(baseKey, GetOption.DEFAULT))
                .commit()
                .orTimeout(left, TimeUnit.NANOSECONDS)
                .whenComplete((response, error) -> {
                    if (error != null) {
                        Throwable cause = Failures.unwrap(error);
                        fail(batch, done, new BackendUnavailableException(
                                "etcd: counter commit failed or its outcome is unknown: " + cause, cause));
                    } else if (response.isSucceeded()) {
                        knownBase = newBase;
                        // the transaction's revision is base's new modRevision
                        knownBaseRevision = response.getHeader().getRevision();
                        commits.increment();
                        committedSteps.add(batch.size());
                        // the counter before this transaction: after it, minus the batch's total
                        long value = newBase + versionsAfter(response, 0, 1, 1) - total;
                        for (Pending p : batch) {
                            value += p.by();
                            p.result().complete(new Increment(value, now));
                        }
                        done.complete(null);
                    } else {
                        conflicts.increment();
                        GetResponse get = response.getGetResponses().get(0);
                        knownBase = value(get);
                        knownBaseRevision = get.getKvs().isEmpty() ? 0 : get.getKvs().get(0).getModRevision();
                        if (batch.stream().allMatch(p -> p.by() == 1)) {
                            // another instance moved base: +1s need no compare-and-swap at all,
                            // so one lost race costs one round trip, never a cascade of retries
                            commitTicks(batch, done);
                        } else {
                            attempt(batch, total, deadline, done);
                        }
                    }
                });
    }

    private static void fail(List<Pending> batch, CompletableFuture<Void> done, BackendUnavailableException e) {
        batch.forEach(p -> p.result().completeExceptionally(e));
        done.complete(null);
    }

    /** The counter: base and the ticks read in one transaction, so at one revision. */
    CompletableFuture<Long> read() {
        return kv.txn()
                .Then(Op.get(baseKey, GetOption.DEFAULT), Op.get(tickPrefix, WITH_PREFIX))
                .commit()
                .thenApply(r -> value(r.getGetResponses().get(0)) + versionsAfter(r, 1, 0, 0));
    }

    /**
     * The sum of the tick keys' versions after a transaction: for the tick keys it put, the
     * version before the put (from {@code prevKV}; none for a new key) plus one; for the others,
     * the version read.
     *
     * @param rangeIndex the index of the prefix read among the transaction's reads
     * @param firstTickPut the index of the put of {@code tick} among the transaction's puts
     * @param tickPuts how many tick keys it put, {@code tick} onwards
     */
    private long versionsAfter(TxnResponse response, int rangeIndex, int firstTickPut, int tickPuts) {
        Map<ByteSequence, Long> versions = new HashMap<>();
        for (KeyValue kv : response.getGetResponses().get(rangeIndex).getKvs()) {
            versions.put(kv.getKey(), kv.getVersion());
        }
        for (int i = 0; i < tickPuts; i++) {
            PutResponse put = response.getPutResponses().get(firstTickPut + i);
            versions.put(tickKeys[i], put.hasPrevKv() ? put.getPrevKv().getVersion() + 1 : 1);
        }
        return versions.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long value(GetResponse get) {
        return get.getKvs().isEmpty() ? 0 : Long.parseLong(get.getKvs().get(0).getValue().toString(StandardCharsets.US_ASCII));
    }

    private static ByteSequence number(long n) {
        return ByteSequence.from(Long.toString(n), StandardCharsets.US_ASCII);
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
