package dev.counter.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoints for the kubelet and Prometheus: {@code /healthz}, {@code /readyz}
 * and {@code /metrics}. The JDK's server is enough for three tiny endpoints.
 */
public final class HealthServer implements AutoCloseable {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * @param port the port to listen on; 0 picks a free one (see {@link #port()})
     * @param healthy answers /healthz: false makes the kubelet restart the operator
     * @param ready answers /readyz
     * @param metrics the Prometheus text exposition
     */
    public HealthServer(
            int port, BooleanSupplier healthy, BooleanSupplier ready, Supplier<String> metrics)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/healthz", exchange -> probe(exchange, healthy));
        server.createContext("/readyz", exchange -> probe(exchange, ready));
        server.createContext(
                "/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
        executor =
                Executors.newFixedThreadPool(
                        2,
                        runnable -> {
                            var thread = new Thread(runnable, "health-http");
                            thread.setDaemon(true);
                            return thread;
                        });
        server.setExecutor(executor);
    }

    public HealthServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
        boolean ok;
        try {
            ok = check.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        respond(exchange, ok ? 200 : 503, TEXT, ok ? "ok\n" : "not ok\n");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())
                    && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
