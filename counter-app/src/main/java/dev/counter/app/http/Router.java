package dev.counter.app.http;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.StoreStateException;
import dev.counter.app.metrics.BackendErrors;
import dev.counter.app.metrics.RouteMeters;
import dev.counter.app.metrics.ServiceMeters;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes by exact path, enforces methods, and writes every answer: 404/405 with JSON bodies, the
 * endpoint's reply, or the reply its failure maps to. Replies that are ready at once are written on
 * the IO thread without a dispatch; the others are written back on the exchange's IO thread when
 * the backend completes them, so no thread ever waits for a backend. (Writing them from the
 * backend client's single event-loop thread instead was measured 35 % slower with Redis: that one
 * thread became the bottleneck.)
 */
final class Router implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    private static final String SHUTTING_DOWN = Json.error("shutting down");

    private final Map<String, Route> routes;
    private final RouteMeters unrouted;
    private final BackendErrors backendErrors;
    private final String backendId;
    private final Drain drain;
    private final long deadlineNanos;
    private final String unavailable;

    /**
     * @param deadline how long a request may wait for its backend before the router answers 503
     *     itself: the backend's own deadline plus a little slack
     */
    Router(Map<String, Route> routes, ServiceMeters meters, String backendId, Drain drain, Duration deadline) {
        this.routes = Map.copyOf(routes);
        this.deadlineNanos = deadline.toNanos();
        this.unavailable = Json.error("backend unavailable", "backend", backendId);
        this.backendErrors = meters.backendErrors();
        // unknown paths share one series, so that scanners cannot blow up the series count
        this.unrouted = meters.route("other");
        this.backendId = backendId;
        this.drain = drain;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long start = System.nanoTime();
        drain.track(exchange);
        String path = exchange.getRequestPath();
        Route route = routes.get(path);
        if (route == null) {
            send(exchange, unrouted, start, notFound(path));
            return;
        }
        HttpString method = exchange.getRequestMethod();
        if (!route.methods().contains(method)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, route.allowHeader());
            send(exchange, route.metrics(), start, Reply.json(405, Json.error("Method not allowed",
                    "method", method.toString(), "allowed", route.allowHeader())));
            return;
        }
        if (drain.draining() && !route.servedWhileDraining()) {
            send(exchange, route.metrics(), start, Reply.json(503, SHUTTING_DOWN));
            return;
        }
        CompletableFuture<Reply> reply;
        try {
            reply = route.endpoint().handle(exchange);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        if (reply.isDone()) {
            send(exchange, route.metrics(), start, resolve(reply));
        } else {
            CompletableFuture<Reply> pending = reply;
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> answerLater(exchange, route, start, pending));
        }
    }

    /**
     * Writes {@code pending}'s reply when it completes, or a 503 at the deadline if it has not: the
     * backends answer by their own deadlines, and this net holds whatever a store or client does.
     * Both run on the exchange's IO thread, so the first one wins without a race.
     */
    private void answerLater(HttpServerExchange exchange, Route route, long start, CompletableFuture<Reply> pending) {
        XnioIoThread io = exchange.getIoThread();
        boolean[] answered = new boolean[1];
        XnioExecutor.Key timer = io.executeAfter(() -> {
            if (!answered[0]) {
                answered[0] = true;
                backendErrors.count(BackendErrors.Cause.TIMEOUT);
                send(exchange, route.metrics(), start, Reply.json(503, unavailable));
            }
        }, deadlineNanos, TimeUnit.NANOSECONDS);
        pending.whenComplete((r, e) -> io.execute(() -> {
            if (!answered[0]) {
                answered[0] = true;
                timer.remove();
                send(exchange, route.metrics(), start, e == null ? r : failure(e));
            }
        }));
    }

    /** The path is repeated only up to a bound: a 200 kB path must not earn a 200 kB answer. */
    private static Reply notFound(String path) {
        String body = Json.error("Unsupported path", "path", Json.echo(path));
        if (Json.exceedsEcho(path)) {
            body = body.substring(0, body.length() - 1) + ",\"truncated\":true}";
        }
        return Reply.json(404, body);
    }

    private Reply resolve(CompletableFuture<Reply> done) {
        try {
            return done.get();
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(e);
        }
    }

    private Reply failure(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BadRequestException) {
            return Reply.json(400, Json.error(cause.getMessage()));
        }
        if (cause instanceof StoreStateException e) {
            backendErrors.countIfStore(e);
            return Reply.json(503, Json.error(e.kind().error(), "backend", backendId, "detail", e.getMessage()));
        }
        if (cause instanceof BackendUnavailableException) {
            backendErrors.countIfStore(cause);
            return Reply.json(503, unavailable);
        }
        LOG.log(Level.SEVERE, "request failed", cause);
        return Reply.json(500, Json.error("internal error"));
    }

    private static void send(HttpServerExchange exchange, RouteMeters route, long start, Reply reply) {
        exchange.setStatusCode(reply.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
        exchange.getResponseSender().send(ByteBuffer.wrap(reply.body()));
        route.record(reply.status(), System.nanoTime() - start);
    }
}
