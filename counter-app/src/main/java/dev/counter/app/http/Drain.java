package dev.counter.app.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tracks requests in flight so that shutdown can wait for them, and says when new work must be
 * refused. An exchange counts until Undertow has finished writing its response.
 *
 * <p>Counted with a {@link LongAdder}, not one shared atomic: every request on every IO thread
 * touches it twice. Only shutdown reads the sum, by polling; it is exact once no request enters,
 * which is what draining means.
 */
final class Drain {
    private static final long POLL_MILLIS = 5;

    private final LongAdder active = new LongAdder();
    private volatile boolean draining;

    private final ExchangeCompletionListener onComplete = (exchange, next) -> {
        try {
            active.decrement();
        } finally {
            next.proceed();
        }
    };

    void track(HttpServerExchange exchange) {
        active.increment();
        exchange.addExchangeCompleteListener(onComplete);
    }

    boolean draining() {
        return draining;
    }

    void start() {
        draining = true;
    }

    long active() {
        return active.sum();
    }

    /** Waits until no request is in flight; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
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
