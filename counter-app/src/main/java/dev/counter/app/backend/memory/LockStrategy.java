package dev.counter.app.backend.memory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A mutual-exclusion lock around the increment, as the seed's {@code /statusV2}. The value is read
 * inside the lock (the gRPC seed read it after unlocking: a data race).
 *
 * <p>The cell itself stays atomic because {@code /statusV2} always uses this strategy while
 * {@code /status} may use another one on the same counter at the same time: a plain read-modify-
 * write here would lose their increments. What differs between strategies, and what the benchmark
 * compares, is how increments are serialised.
 */
final class LockStrategy implements IncrementStrategy {
    private final AtomicLong cell;
    private final ReentrantLock lock = new ReentrantLock();

    LockStrategy(AtomicLong cell) {
        this.cell = cell;
    }

    @Override
    public CompletableFuture<Long> add(long by) {
        long value;
        lock.lock();
        try {
            value = cell.addAndGet(by);
        } finally {
            lock.unlock();
        }
        return CompletableFuture.completedFuture(value);
    }
}
