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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The counter in two etcd keys, updated lock-free: counter = base + version(tick).
 *
 * <p>etcd raises a key's version by exactly one on every put, and a put with {@code prevKV}
 * returns the version before it. So a transaction without any compare, {@code put(tick, now,
 * prevKV); get(base)}, is an atomic +1 that can never conflict: the value it produced is base +
 * previous version + 1, and the tick's value is its {@code lastChanged}. Adding N is a
 * compare-and-swap on base, {@code if modRevision(base) == r then put(base, b + N − 1);
 * put(tick, now, prevKV) else get(base)}: base and version move in the same revision, so the sum
 * moves by exactly N, and only other N-adds can conflict with it.
 *
 * <p>With {@link IncrementRoute#COMBINE}, requests waiting in this process join one such
 * compare-and-swap (A = the batch's total; each request gets its own consecutive value); a batch of
 * one +1 takes the conflict-free path. With {@link IncrementRoute#VERSION}, every +1 takes it.
 *
 * <p>No locks, no automatic retries (a blind retry could count twice). A commit whose outcome is
 * unknown (deadline passed) answers 503; if it did commit, its values are skipped, never handed out
 * twice. The tick key is never deleted: deleting it would reset its version.
 */
final class EtcdCounter {
    private record Pending(long by, CompletableFuture<Increment> result) {
    }

    private final KV kv;
    private final ByteSequence baseKey;
    private final ByteSequence tickKey;
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

    EtcdCounter(KV kv, String counterKey, IncrementRoute route, long timeoutMillis, int maxBatch,
            LongSupplier epochSeconds, Executor rounds) {
        this.kv = kv;
        this.baseKey = bytes(counterKey + "/base");
        this.tickKey = bytes(counterKey + "/tick");
        this.route = route;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.epochSeconds = epochSeconds;
        this.batcher = new Batcher<>(maxBatch, rounds, this::commit);
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
        long now = epochSeconds.getAsLong();
        return kv.txn()
                .Then(Op.put(tickKey, number(now), PutOption.builder().withPrevKV().build()),
                        Op.get(baseKey, GetOption.DEFAULT))
                .commit()
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .thenApply(r -> {
                    commits.increment();
                    committedSteps.increment();
                    return new Increment(value(r.getGetResponses().get(0)) + previousVersion(r) + 1, now);
                });
    }

    private CompletableFuture<Void> commit(List<Pending> batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (batch.size() == 1 && batch.get(0).by() == 1) {
            // alone: nothing to combine, so take the path no other instance can conflict with
            tick().whenComplete((increment, error) -> {
                settle(batch.get(0).result(), increment, error);
                done.complete(null);
            });
        } else {
            long total = batch.stream().mapToLong(Pending::by).sum();
            attempt(batch, total, System.nanoTime() + timeoutNanos, done);
        }
        return done;
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
                        Op.put(tickKey, number(now), PutOption.builder().withPrevKV().build()))
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
                        long value = base + previousVersion(response);
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
                        attempt(batch, total, deadline, done);
                    }
                });
    }

    private static void fail(List<Pending> batch, CompletableFuture<Void> done, BackendUnavailableException e) {
        batch.forEach(p -> p.result().completeExceptionally(e));
        done.complete(null);
    }

    /** The counter: base and tick read in one transaction, so at one revision. */
    CompletableFuture<Long> read() {
        return kv.txn()
                .Then(Op.get(baseKey, GetOption.DEFAULT), Op.get(tickKey, GetOption.DEFAULT))
                .commit()
                .thenApply(r -> {
                    List<KeyValue> tick = r.getGetResponses().get(1).getKvs();
                    return value(r.getGetResponses().get(0)) + (tick.isEmpty() ? 0 : tick.get(0).getVersion());
                });
    }

    private static long previousVersion(TxnResponse response) {
        PutResponse put = response.getPutResponses().get(response.getPutResponses().size() - 1);
        return put.hasPrevKv() ? put.getPrevKv().getVersion() : 0;
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
