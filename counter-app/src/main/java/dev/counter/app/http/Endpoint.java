package dev.counter.app.http;

import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletableFuture;

/**
 * The work behind one path. Runs on the IO thread, so it must not block: it returns a future that
 * is already complete for in-process work, or that the backend's client completes later.
 */
@FunctionalInterface
interface Endpoint {
    CompletableFuture<Reply> handle(HttpServerExchange exchange);
}
