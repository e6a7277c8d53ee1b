package dev.counter.app.backend.etcd;

import dev.counter.app.backend.Batcher;
import dev.counter.app.backend.Increment;
import dev.counter.app.backend.PendingIncrement;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The counter in etcd, updated lock-free: counter = base + the sum of the versions of the tick keys
 * {@code tick}, {@code tick/1} … {@code tick/99}.
 *
 * <p>etcd raises a key's version by exactly one on every put. So a transaction without a compare
 * on the counter that puts k different tick keys (each with {@code prevKV}) and reads base and
 * every tick key adds exactly k, can never conflict with another writer, and tells the new counter:
 * the k requests get its last k values. The ticks' values are the {@code lastChanged} time. Adding
 * N is a compare-and-swap on base, {@code if modRevision(base) == r then put(base, b + N − 1);
 * put(tick, now) else get(base)}: base and a version move in the same revision, so the sum moves by
 * exactly N, and only other N-adds can conflict with it.
 *
 * <p>Requests waiting in this process join one commit ({@link Batcher}: deadlines from arrival,
 * at most one batch on the wire, refused at once when the backlog cannot make its deadline). With
 * {@link IncrementRoute#COMBINE} a batch is one compare-and-swap (A = the batch's total, each
 * request gets its own consecutive values): two puts however large the batch, the cheapest commit.
 * When another instance wins the race for base, a batch of +1s does not retry the compare-and-swap
 * but takes the conflict-free path, one tick key per request, so instances sharing the counter cost
 * each other at most one round trip. A lone +1 takes the conflict-free path at once. With {@link
 * IncrementRoute#VERSION}, +1s always take the conflict-free path.
 *
 * <p>Every write also carries the {@link CounterGuard}'s compares, so nothing is written to another
 * incarnation of the counter, and a write whose values start at or below what this process has
 * seen hands none of them out. A retried batch (after a conflict) drops the requests already
 * answered 503: a refused request is never applied later. No locks, no automatic retries (a blind
 * retry could count twice). A commit whose outcome is unknown (deadline passed) answers 503; if it
 * did commit, its values are skipped, never handed out twice. Tick keys are never deleted:
 * deleting one would reset its version.
 *
 * <p>All state, and every continuation that touches it, lives on the rounds thread.
 */
final class EtcdCounter {
    /** Tick keys: one transaction puts at most this many (etcd's --max-txn-ops default is 128). */
    static final int TICKS = 100;
    /** Increments that may wait for a batch; beyond it they are refused at once. */
    static final int MAX_QUEUED = 8 * TICKS;
    private static final PutOption PREV_KV = PutOption.builder().withPrevKV().build();
    private static final GetOption WITH_PREFIX = GetOption.builder().isPrefix(true).build();

    private final KV kv;
    private final ByteSequence baseKey;
    private final ByteSequence firstTick;
    /** Ends with the delimiter, so that {@code <key>/ticker} and the like are not counted. */
    private final ByteSequence tickPrefix;
    private final ByteSequence[] tickKeys = new ByteSequence[TICKS];
    private final IncrementRoute route;
    private final long timeoutNanos;
    private final LongSupplier epochSeconds;
    private final ScheduledExecutorService rounds;
    private final Batcher<PendingIncrement> batcher;
    private final CounterGuard guard;
    /** The highest value this process has handed out or read. */
    private final LongAccumulator seen = new LongAccumulator(Math::max, 0);
    private long knownBase;
    private long knownBaseRevision;

    private final LongAdder commits = new LongAdder();
    private final LongAdder committedSteps = new LongAdder();
    private final LongAdder conflicts = new LongAdder();

    EtcdCounter(KV kv, String counterKey, IncrementRoute route, long timeoutMillis, LongSupplier epochSeconds,
            ScheduledExecutorService rounds) {
        this.kv = kv;
        this.baseKey = bytes(counterKey + "/base");
        // the first tick key keeps the name of the single tick key of earlier versions
        this.firstTick = bytes(counterKey + "/tick");
        this.tickPrefix = bytes(counterKey + "/tick/");
        tickKeys[0] = firstTick;
        for (int i = 1; i < TICKS; i++) {
            tickKeys[i] = bytes(counterKey + "/tick/" + i);
        }
        this.route = route;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.epochSeconds = epochSeconds;
        this.rounds = rounds;
        this.guard = new CounterGuard(kv, counterKey);
        // a batch may fall back to the conflict-free path, which needs a tick key per request
        this.batcher = new Batcher<>("counter", TICKS, MAX_QUEUED, rounds, this::commit);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    Batcher<?> batcher() {
        return batcher;
    }

    CompletableFuture<Increment> add(long by) {
        PendingIncrement add = new PendingIncrement(by, System.nanoTime() + timeoutNanos);
        batcher.submit(add);
        return add.result();
    }

    private CompletableFuture<Void> commit(List<PendingIncrement> batch) {
        long floor = seen.get();
        // rounds run on the rounds thread: an established guard needs no hop before the write
        return guard.established() ? write(batch, floor)
                : establish(floor).thenComposeAsync(v -> write(batch, floor), rounds);
    }

    /** The batch's requests still waiting; those answered meanwhile (deadline) are never applied. */
    private static List<PendingIncrement> unanswered(List<PendingIncrement> batch) {
        List<PendingIncrement> out = new ArrayList<>(batch.size());
        for (PendingIncrement a : batch) {
            if (!a.answered()) {
                out.add(a);
            }
        }
        return out;
    }

    private CompletableFuture<Void> write(List<PendingIncrement> batch, long floor) {
        List<PendingIncrement> live = unanswered(batch);
        if (live.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        boolean allOnes = live.stream().allMatch(a -> a.by() == 1);
        return allOnes && (route == IncrementRoute.VERSION || live.size() == 1) ? ticks(live, floor) : swap(live, floor);
    }

    private CompletableFuture<TxnResponse> send(io.etcd.jetcd.Txn txn) {
        return txn.commit().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** +1s as one transaction without a compare on the counter: one tick key per request. */
    private CompletableFuture<Void> ticks(List<PendingIncrement> batch, long floor) {
        int k = batch.size();
        long now = epochSeconds.getAsLong();
        Op[] then = new Op[k + 3];
        for (int i = 0; i < k; i++) {
            then[i] = Op.put(tickKeys[i], number(now), PREV_KV);
        }
        then[k] = Op.get(baseKey, GetOption.DEFAULT);
        then[k + 1] = Op.get(firstTick, GetOption.DEFAULT);
        then[k + 2] = Op.get(tickPrefix, WITH_PREFIX);
        return send(kv.txn().If(guard.compares()).Then(then).Else(guard.reads()))
                .thenComposeAsync(r -> {
                    if (!r.isSucceeded()) {
                        return reestablish(batch, floor);
                    }
                    commits.increment();
                    committedSteps.add(k);
                    long last = Values.number(r.getGetResponses().get(0)) + versionsAfter(r, 1, 0, k);
                    return handOut(batch, last, now, floor);
                }, rounds);
    }

    /** Adds the batch's total by compare-and-swap on base. */
    private CompletableFuture<Void> swap(List<PendingIncrement> batch, long floor) {
        long total = batch.stream().mapToLong(a -> a.by()).sum();
        long now = epochSeconds.getAsLong();
        long newBase = knownBase + total - 1;
        Cmp[] compares = Arrays.copyOf(guard.compares(), 3);
        compares[2] = new Cmp(baseKey, Cmp.Op.EQUAL, CmpTarget.modRevision(knownBaseRevision));
        Op[] otherwise = new Op[3];
        otherwise[0] = Op.get(baseKey, GetOption.DEFAULT);
        System.arraycopy(guard.reads(), 0, otherwise, 1, 2);
        return send(kv.txn()
                        .If(compares)
                        .Then(Op.put(baseKey, number(newBase), PutOption.DEFAULT),
                                Op.put(firstTick, number(now), PREV_KV),
                                Op.get(firstTick, GetOption.DEFAULT),
                                Op.get(tickPrefix, WITH_PREFIX))
                        .Else(otherwise))
                .thenComposeAsync(r -> {
                    if (r.isSucceeded()) {
                        knownBase = newBase;
                        // the transaction's revision is base's new modRevision
                        knownBaseRevision = r.getHeader().getRevision();
                        commits.increment();
                        committedSteps.add(batch.size());
                        return handOut(batch, newBase + versionsAfter(r, 0, 1, 1), now, floor);
                    }
                    if (guardFailed(r)) {
                        return reestablish(batch, floor);
                    }
                    conflicts.increment();
                    GetResponse get = r.getGetResponses().get(0);
                    knownBase = Values.number(get);
                    knownBaseRevision = get.getKvs().isEmpty() ? 0 : get.getKvs().get(0).getModRevision();
                    List<PendingIncrement> live = unanswered(batch);
                    if (live.stream().allMatch(a -> a.by() == 1)) {
                        // another instance moved base: +1s need no compare-and-swap at all,
                        // so one lost race costs one round trip, never a cascade of retries
                        return live.isEmpty() ? CompletableFuture.completedFuture(null) : ticks(live, floor);
                    }
                    return write(live, floor);
                }, rounds);
    }

    /** The else branch of a swap read the guard's keys: did they, rather than base, fail it? */
    private boolean guardFailed(TxnResponse r) {
        return !guard.holds(r.getGetResponses().get(1), r.getGetResponses().get(2));
    }

    /** The guard's compare failed: judge the counter afresh, then try the batch once more. */
    private CompletableFuture<Void> reestablish(List<PendingIncrement> batch, long floor) {
        return establish(floor).thenComposeAsync(v -> write(batch, floor), rounds);
    }

    /**
     * Hands out the values {@code last − n + 1 … last}, unless they start at or below what this
     * process had seen when it sent the write: then etcd went back, and none is given.
     */
    private CompletableFuture<Void> handOut(List<PendingIncrement> batch, long last, long now, long floor) {
        long total = batch.stream().mapToLong(a -> a.by()).sum();
        long value = last - total;
        if (value + 1 <= floor) {
            return guard.rolledBack(value + 1, floor, timeoutNanos);
        }
        seen.accumulate(last);
        for (PendingIncrement a : batch) {
            value += a.by();
            a.complete(new Increment(value, now));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Reads the counter and the guard's keys in one transaction, and lets the guard judge them. */
    private CompletableFuture<Long> establishRead(long floor) {
        Op[] reads = new Op[5];
        reads[0] = Op.get(baseKey, GetOption.DEFAULT);
        reads[1] = Op.get(firstTick, GetOption.DEFAULT);
        reads[2] = Op.get(tickPrefix, WITH_PREFIX);
        System.arraycopy(guard.reads(), 0, reads, 3, 2);
        return send(kv.txn().Then(reads)).thenComposeAsync(r -> {
            long value = Values.number(r.getGetResponses().get(0)) + versionsAfter(r, 1, 0, 0);
            boolean exists = r.getGetResponses().subList(0, 3).stream().anyMatch(g -> !g.getKvs().isEmpty());
            return guard.check(r, 3, value, exists, floor, timeoutNanos).thenApply(v -> value);
        }, rounds);
    }

    private CompletableFuture<Void> establish(long floor) {
        return establishRead(floor).thenApply(v -> null);
    }

    /** The counter, judged by the guard: a lost or rolled-back counter fails instead of reading. */
    CompletableFuture<Long> read() {
        long floor = seen.get();
        return establishRead(floor).thenApply(value -> {
            seen.accumulate(value);
            return value;
        });
    }

    /**
     * The sum of the tick keys' versions after a transaction: for the tick keys it put, the
     * version before the put (from {@code prevKV}; none for a new key) plus one; for the others,
     * the version read.
     *
     * @param firstRange the index of the read of {@code tick} among the transaction's reads; the
     *     prefix read follows it
     * @param firstTickPut the index of the put of {@code tick} among the transaction's puts
     * @param tickPuts how many tick keys it put, {@code tick} onwards
     */
    private long versionsAfter(TxnResponse response, int firstRange, int firstTickPut, int tickPuts) {
        Map<ByteSequence, Long> versions = new HashMap<>();
        for (int range = firstRange; range <= firstRange + 1; range++) {
            for (KeyValue kv : response.getGetResponses().get(range).getKvs()) {
                versions.put(kv.getKey(), kv.getVersion());
            }
        }
        for (int i = 0; i < tickPuts; i++) {
            PutResponse put = response.getPutResponses().get(firstTickPut + i);
            versions.put(tickKeys[i], put.hasPrevKv() ? put.getPrevKv().getVersion() + 1 : 1);
        }
        return versions.values().stream().mapToLong(Long::longValue).sum();
    }

    private static ByteSequence number(long n) {
        return ByteSequence.from(Long.toString(n), StandardCharsets.US_ASCII);
    }

    long highWaterMark() {
        return seen.get();
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
