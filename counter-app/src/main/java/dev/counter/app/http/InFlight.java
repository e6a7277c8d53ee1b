package dev.counter.app.http;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls in flight, so that shutdown can wait for them: HTTP exchanges and gRPC increments alike.
 *
 * <p>Counted with a {@link LongAdder}, not one shared atomic: every call on every IO thread touches
 * it twice. Only shutdown reads the sum, by polling; it is exact once no call enters, which is what
 * draining means.
 */
public final class InFlight {
    private static final long POLL_MILLIS = 5;

    private final LongAdder active = new LongAdder();

    public void enter() {
        active.increment();
    }

    public void exit() {
        active.decrement();
    }

    public long count() {
        return active.sum();
    }

    /** Waits until no call is in flight; false when {@code timeout} passed first. */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active.sum() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
        }
        return true;
    }
}
