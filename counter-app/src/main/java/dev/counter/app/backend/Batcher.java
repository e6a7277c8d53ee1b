package dev.counter.app.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Group commit: requests queue up, and one round at a time takes everything waiting (up to
 * {@code maxBatch}) and commits it together. A lone request is never delayed: a round starts as
 * soon as the previous one ends, without waiting to fill a batch.
 */
public final class Batcher<P> {
    private final int maxBatch;
    private final Executor rounds;
    private final Function<List<P>, CompletableFuture<Void>> commit;
    private final ConcurrentLinkedQueue<P> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param rounds where rounds start, so that a failing store cannot recurse through callbacks
     * @param commit commits one batch; its future completes (normally) once every item has its answer
     */
    public Batcher(int maxBatch, Executor rounds, Function<List<P>, CompletableFuture<Void>> commit) {
        this.maxBatch = maxBatch;
        this.rounds = rounds;
        this.commit = commit;
    }

    public void submit(P item) {
        queue.add(item);
        if (running.compareAndSet(false, true)) {
            rounds.execute(this::round);
        }
    }

    private void round() {
        List<P> batch = new ArrayList<>();
        P item;
        while (batch.size() < maxBatch && (item = queue.poll()) != null) {
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
        commit.apply(batch).whenComplete((done, error) -> rounds.execute(this::round));
    }
}
