package dev.counter.app.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;

/**
 * Tracks requests in flight so that shutdown can wait for them, and says when new work must be
 * refused. An exchange counts until Undertow has finished writing its response.
 */
final class Drain {
    private final InFlight active = new InFlight();
    private volatile boolean draining;

    private final ExchangeCompletionListener onComplete = (exchange, next) -> {
        try {
            active.exit();
        } finally {
            next.proceed();
        }
    };

    void track(HttpServerExchange exchange) {
        active.enter();
        exchange.addExchangeCompleteListener(onComplete);
    }

    boolean draining() {
        return draining;
    }

    void start() {
        draining = true;
    }

    long active() {
        return active.count();
    }

    /** Waits until no request is in flight; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return active.awaitNone(timeout);
    }
}
