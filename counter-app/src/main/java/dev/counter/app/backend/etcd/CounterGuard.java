package dev.counter.app.backend.etcd;

import dev.counter.app.backend.StoreStateException;
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
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the etcd counter from handing out a value twice after etcd lost or rolled it back (a
 * restore of an older snapshot, keys deleted or re-created, a new empty cluster).
 *
 * <p>The counter has an epoch key, {@code <key>/epoch} = {@code <floor>:<token>}, written when
 * the counter starts (floor 0) or is adopted at a value (floor = that value); its {@code
 * create_revision} names the counter's incarnation. Every write compares that create_revision and
 * the absence of the lost marker {@code <key>/lost}, so a write to another incarnation is never
 * applied. A process follows a new epoch only if its floor is not below the highest value the
 * process has seen. Whoever finds the counter below what it has seen writes the lost marker with
 * that value, and from then on every process, new ones too, is refused until an operator puts the
 * counter back above the marker and deletes it (README: "counter state lost").
 *
 * <p>Used only from the counter's round thread, like the rest of {@link EtcdCounter}'s state.
 */
final class CounterGuard {
    private static final GetOption COUNT = GetOption.DEFAULT;

    private final KV kv;
    private final ByteSequence epochKey;
    private final ByteSequence lostKey;
    private final String token = Long.toHexString(new SecureRandom().nextLong());
    /** The epoch's create_revision this process counts in; 0 until it has established one. */
    private long epochRevision;

    CounterGuard(KV kv, String counterKey) {
        this.kv = kv;
        this.epochKey = bytes(counterKey + "/epoch");
        this.lostKey = bytes(counterKey + "/lost");
    }

    boolean established() {
        return epochRevision != 0;
    }

    /** The compares every write carries: the same incarnation, and not marked lost. */
    Cmp[] compares() {
        return new Cmp[] {
            new Cmp(epochKey, Cmp.Op.EQUAL, CmpTarget.createRevision(epochRevision)),
            new Cmp(lostKey, Cmp.Op.EQUAL, CmpTarget.version(0))
        };
    }

    /** Whether {@link #compares()} hold for these reads of {@link #reads()}. */
    boolean holds(GetResponse epoch, GetResponse lost) {
        return lost.getKvs().isEmpty() && !epoch.getKvs().isEmpty()
                && epoch.getKvs().get(0).getCreateRevision() == epochRevision;
    }

    /** The reads that let {@link #check} judge the counter, for a transaction's read list. */
    Op[] reads() {
        return new Op[] {Op.get(epochKey, COUNT), Op.get(lostKey, COUNT)};
    }

    /**
     * Judges the counter from {@link #reads()} at {@code firstRead} of {@code response} and the
     * counter {@code value} read in the same transaction; {@code floor} is the highest value this
     * process had seen before the transaction was sent. Completes when counting may go on (after
     * creating or adopting an epoch if needed); fails with {@link StoreStateException} otherwise.
     *
     * @param exists whether any key of the counter exists
     */
    CompletableFuture<Void> check(TxnResponse response, int firstRead, long value, boolean exists, long floor,
            long timeoutNanos) {
        GetResponse epoch = response.getGetResponses().get(firstRead);
        GetResponse lost = response.getGetResponses().get(firstRead + 1);
        if (response.getHeader().getRevision() < epochRevision) {
            // read before this process created or adopted its epoch (reads and writes overlap):
            // too old to judge; the compares of every write still guard the counter
            return CompletableFuture.completedFuture(null);
        }
        if (!lost.getKvs().isEmpty()) {
            return markLost(lost, floor, "the counter is marked lost", timeoutNanos);
        }
        if (epoch.getKvs().isEmpty()) {
            if (exists) {
                if (value < floor) {
                    return markLost(lost, floor, "etcd holds " + value + ", below " + floor + " already handed out",
                            timeoutNanos);
                }
                // a counter from before epochs, or one an operator put back: adopt it at its value
                return createEpoch(value, timeoutNanos);
            }
            if (established() || floor > 0) {
                return markLost(lost, floor, "etcd has no counter, but " + floor + " was handed out", timeoutNanos);
            }
            return createEpoch(0, timeoutNanos);
        }
        KeyValue e = epoch.getKvs().get(0);
        if (e.getCreateRevision() != epochRevision) {
            String text = e.getValue().toString(StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            long epochFloor;
            try {
                epochFloor = Long.parseLong(colon < 0 ? text : text.substring(0, colon));
            } catch (NumberFormatException bad) {
                return CompletableFuture.failedFuture(new StoreStateException(StoreStateException.Kind.UNUSABLE,
                        e.getKey().toString(StandardCharsets.UTF_8) + " holds " + Values.shorten(text)));
            }
            if (epochFloor < floor) {
                return markLost(lost, floor, "the counter was started again at " + epochFloor + ", below " + floor
                        + " already handed out", timeoutNanos);
            }
            epochRevision = e.getCreateRevision();
        }
        if (value < floor) {
            return markLost(lost, floor, "etcd holds " + value + ", below " + floor + " already handed out",
                    timeoutNanos);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The values a committed write produced start at or below what this process had seen: etcd
     * rolled the counter back under it (an older snapshot, a re-created key). The values are not
     * handed out.
     */
    CompletableFuture<Void> rolledBack(long firstValue, long floor, long timeoutNanos) {
        return markLost(null, floor, "etcd gave " + firstValue + " after " + floor + " was handed out",
                timeoutNanos);
    }

    private CompletableFuture<Void> createEpoch(long floor, long timeoutNanos) {
        return kv.txn()
                .If(new Cmp(epochKey, Cmp.Op.EQUAL, CmpTarget.createRevision(0)),
                        new Cmp(lostKey, Cmp.Op.EQUAL, CmpTarget.version(0)))
                .Then(Op.put(epochKey, bytes(floor + ":" + token), PutOption.DEFAULT))
                .Else(Op.get(epochKey, COUNT))
                .commit()
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .thenApply(r -> {
                    if (r.isSucceeded()) {
                        epochRevision = r.getHeader().getRevision();
                    } else if (!r.getGetResponses().get(0).getKvs().isEmpty()) {
                        // another process created it first: its epoch is as good, at the same value
                        epochRevision = r.getGetResponses().get(0).getKvs().get(0).getCreateRevision();
                    }
                    return null;
                });
    }

    /** Raises the lost marker to {@code floor} (never lowers it), then fails with the reason. */
    private CompletableFuture<Void> markLost(GetResponse lost, long floor, String why, long timeoutNanos) {
        long marked = 0;
        long markRevision = 0;
        if (lost != null && !lost.getKvs().isEmpty()) {
            KeyValue m = lost.getKvs().get(0);
            markRevision = m.getModRevision();
            try {
                marked = Long.parseLong(m.getValue().toString(StandardCharsets.US_ASCII));
            } catch (NumberFormatException bad) {
                marked = 0;
            }
        }
        long resumeAbove = Math.max(marked, floor);
        StoreStateException refusal = new StoreStateException(StoreStateException.Kind.LOST,
                why + "; resume above " + resumeAbove);
        if (lost != null && marked >= floor) {
            return CompletableFuture.failedFuture(refusal);
        }
        // compare-and-put on the marker's revision: a racing process with a higher value wins
        return kv.txn()
                .If(new Cmp(lostKey, Cmp.Op.EQUAL, CmpTarget.modRevision(markRevision)))
                .Then(Op.put(lostKey, bytes(Long.toString(resumeAbove)), PutOption.DEFAULT))
                .commit()
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .handle((r, error) -> {
                    throw refusal;
                });
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
