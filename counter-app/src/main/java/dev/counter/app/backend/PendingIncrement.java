package dev.counter.app.backend;

/** An increment by {@code by} waiting for its batch; its answer is the increment it got. */
public final class PendingIncrement extends Batcher.Item<Increment> {
    private final long by;

    public PendingIncrement(long by, long deadlineNanos) {
        super(deadlineNanos);
        this.by = by;
    }

    public long by() {
        return by;
    }

    @Override
    protected long amount() {
        return by;
    }
}
