package dev.counter.app.backend.memory;

import dev.counter.app.backend.BackendUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gRPC seed's "inputQ" pattern in Java: one writer thread owns the increments and is fed
 * through a queue; each request gets its own reply through a future, so no request thread blocks.
 *
 * <p>The queue is unbounded on purpose: its length is bounded by the requests in flight, which the
 * HTTP server's connections already bound, and refusing an increment under load would be worse.
 */
final class QueueStrategy implements IncrementStrategy {
    private static final int DRAIN_BATCH = 256;

    private final AtomicLong cell;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    private record Request(long by, CompletableFuture<Long> reply) {
    }

    QueueStrategy(AtomicLong cell) {
        this.cell = cell;
        this.writer = new Thread(this::writeLoop, "counter-queue-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<Long> add(long by) {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        if (closed) {
            reply.completeExceptionally(new BackendUnavailableException("counter queue is closed"));
            return reply;
        }
        Request request = new Request(by, reply);
        queue.add(request);
        // close() may have drained the queue between the check above and the add.
        if (closed && queue.remove(request)) {
            reply.completeExceptionally(new BackendUnavailableException("counter queue is closed"));
        }
        return reply;
    }

    private void writeLoop() {
        List<Request> batch = new ArrayList<>(DRAIN_BATCH);
        try {
            while (!closed) {
                batch.add(queue.take());
                queue.drainTo(batch, DRAIN_BATCH - 1);
                for (Request r : batch) {
                    r.reply().complete(cell.addAndGet(r.by()));
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failPending(batch);
        }
    }

    private void failPending(List<Request> batch) {
        queue.drainTo(batch);
        for (Request r : batch) {
            r.reply().completeExceptionally(new BackendUnavailableException("counter queue is closed"));
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
    }
}
