package dev.counter.app.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracks requests in flight so that shutdown can wait for them, and says when new work must be
 * refused. An exchange counts until Undertow has finished writing its response.
 */
final class Drain {
    private final AtomicLong active = new AtomicLong();
    private final Object idle = new Object();
    private volatile boolean draining;

    private final ExchangeCompletionListener onComplete = (exchange, next) -> {
        try {
            if (active.decrementAndGet() == 0 && draining) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        } finally {
            next.proceed();
        }
    };

    void track(HttpServerExchange exchange) {
        active.incrementAndGet();
        exchange.addExchangeCompleteListener(onComplete);
    }

    boolean draining() {
        return draining;
    }

    void start() {
        draining = true;
    }

    long active() {
        return active.get();
    }

    /** Waits until no request is in flight; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (active.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
