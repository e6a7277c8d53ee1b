package dev.counter.app.http;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.config.PodIdentity;
import dev.counter.app.metrics.ServiceMeters;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** The route table: every path the service answers and what each does. */
final class CounterEndpoints {
    /**
     * Every route answers HEAD as it answers GET — the same work, status and headers, no body
     * (Undertow drops it) — since the headers, Content-Length included, describe that very answer.
     */
    private static final Set<HttpString> GET = Set.of(Methods.GET, Methods.HEAD);

    /** fibonacci-backend's exact body, with its space after the colon. */
    private static final CompletableFuture<Reply> HEALTHY =
            CompletableFuture.completedFuture(Reply.ok("{\"status\": \"healthy\"}"));

    private final CounterBackend backend;
    private final Bodies bodies;
    private final Readiness readiness;
    private final ServiceMeters metrics;
    private final Map<String, Route> routes = new LinkedHashMap<>();

    private CounterEndpoints(CounterBackend backend, PodIdentity pod, Readiness readiness, ServiceMeters metrics) {
        this.backend = backend;
        this.bodies = new Bodies(pod);
        this.readiness = readiness;
        this.metrics = metrics;
    }

    static Map<String, Route> routes(CounterBackend backend, PodIdentity pod, Readiness readiness,
            ServiceMeters metrics) {
        return new CounterEndpoints(backend, pod, readiness, metrics).build();
    }

    private Map<String, Route> build() {
        // counter-fasthttp
        add("/status", GET, ex -> backend.incrementForStatus().thenApply(i -> Reply.ok(bodies.status(i))));
        add("/statusV2", GET, ex -> backend.incrementForStatusV2().thenApply(i -> Reply.ok(bodies.status(i))));
        probe("/health", ex -> HEALTHY);
        probe("/ready", ex -> readiness.check().thenApply(this::readyReply));
        // ha-counter (etcd)
        add("/increment", GET, ex -> backend.incrementBy(IncrementAmount.parse(ex.getQueryParameters().get("by")))
                .thenApply(v -> Reply.ok(bodies.countValue(v))));
        add("/fetch", GET, ex -> backend.fetch().thenApply(v -> Reply.ok(bodies.countValue(v))));
        add("/healthz", GET, ex -> backend.describeHealth().thenApply(words -> Reply.ok(bodies.podMessage(words))));
        CompletableFuture<Reply> meaning = CompletableFuture.completedFuture(
                Reply.ok(bodies.podMessage("meaning of life = 42")));
        add("/static", GET, ex -> meaning);
        // fibonacci-backend
        fibonacci("/current", "current", backend::fibonacciCurrent);
        fibonacci("/next", "next", backend::fibonacciNext);
        fibonacci("/previous", "previous", backend::fibonacciPrevious);
        // after a fresh (cached) readiness check, so that counter_store_up says what /ready would
        probe("/metrics", ex -> {
            String accept = ex.getRequestHeaders().getFirst(Headers.ACCEPT);
            return readiness.check().handle((verdict, error) -> Reply.metrics(metrics.scrape(accept)));
        });
        return routes;
    }

    private Reply readyReply(Readiness.Verdict verdict) {
        String id = Json.quote(backend.type().id());
        String mark = ",\"highWaterMark\":" + backend.highWaterMark() + "}";
        return verdict.ready()
                ? Reply.ok("{\"status\":\"ready\",\"backend\":" + id + mark)
                : Reply.json(503, "{\"status\":\"not ready\",\"backend\":" + id
                        + ",\"reason\":" + Json.quote(verdict.reason()) + mark);
    }

    private void fibonacci(String path, String name, Supplier<CompletableFuture<BigInteger>> op) {
        Function<BigInteger, Reply> toReply = n -> Reply.ok(Bodies.fibonacci(name, n));
        add(path, GET, ex -> op.get().thenApply(toReply));
    }

    private void add(String path, Set<HttpString> methods, Endpoint endpoint) {
        routes.put(path, new Route(path, methods, endpoint, metrics.route(path), false));
    }

    private void probe(String path, Endpoint endpoint) {
        routes.put(path, new Route(path, GET, endpoint, metrics.route(path), true));
    }
}
