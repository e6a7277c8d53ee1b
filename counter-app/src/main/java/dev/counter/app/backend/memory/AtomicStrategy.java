package dev.counter.app.backend.memory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Lock-free: one atomic add on the shared cell. */
final class AtomicStrategy implements IncrementStrategy {
    private final AtomicLong cell;

    AtomicStrategy(AtomicLong cell) {
        this.cell = cell;
    }

    @Override
    public CompletableFuture<Long> add(long by) {
        return CompletableFuture.completedFuture(cell.addAndGet(by));
    }
}
