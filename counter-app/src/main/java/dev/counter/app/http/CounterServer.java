package dev.counter.app.http;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.config.PodIdentity;
import dev.counter.app.metrics.ServiceMeters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/** The Undertow server with the counter's routes, and its graceful shutdown. */
public final class CounterServer {
    private static final Logger LOG = Logger.getLogger(CounterServer.class.getName());

    /** How much later than the backend's deadline the router answers 503 on its own. */
    public static final Duration DEADLINE_SLACK = Duration.ofMillis(200);

    private final HttpListener listener;
    private final CounterBackend backend;
    private final Drain drain;
    private final Readiness readiness;
    private final ServiceMeters meters;

    private CounterServer(HttpListener listener, CounterBackend backend, Drain drain, Readiness readiness,
            ServiceMeters meters) {
        this.listener = listener;
        this.backend = backend;
        this.drain = drain;
        this.readiness = readiness;
        this.meters = meters;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and starts serving.
     *
     * @param backendTimeout the deadline of one backend call, also the bound of a readiness check
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public static CounterServer start(String host, int port, CounterBackend backend, PodIdentity pod,
            Duration backendTimeout) {
        Drain drain = new Drain();
        Readiness readiness = new Readiness(backend, backendTimeout, drain, System::nanoTime);
        ServiceMeters meters = new ServiceMeters(backend.type().id(), backend::lastObservedValue,
                readiness::storeAnswered);
        backend.bindMetrics(meters.registry());
        Router router = new Router(CounterEndpoints.routes(backend, pod, readiness, meters), meters,
                backend.type().id(), drain, backendTimeout.plus(DEADLINE_SLACK));
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        HttpListener listener;
        try {
            listener = HttpListener.start(host, port, ioThreads, router);
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
        return new CounterServer(listener, backend, drain, readiness, meters);
    }

    /** What {@code /ready} answers (cached like it), for the gRPC health service to follow. */
    public CompletableFuture<Boolean> ready() {
        return readiness.check().thenApply(Readiness.Verdict::ready);
    }

    public int port() {
        return listener.port();
    }

    /** Where the other listeners of this process (the gRPC API) record: one /metrics for all. */
    public ServiceMeters meters() {
        return meters;
    }

    /**
     * Turns {@code /ready} to 503 at once, refuses new counter requests with 503, waits up to
     * {@code timeout} for the requests in flight, then stops the server and closes the backend.
     *
     * @return true when every request in flight completed within the timeout
     */
    public boolean shutdown(Duration timeout) {
        return shutdown(timeout, List.of());
    }

    /**
     * {@link #shutdown(Duration)} together with {@code others}, which serve the same backend: all
     * refuse new calls at once and share the one {@code timeout}; the backend is closed last.
     */
    public boolean shutdown(Duration timeout, List<DrainableListener> others) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // the others first: the health refresh that follows /ready must not beat their own refusal
        others.forEach(DrainableListener::refuseNewCalls);
        drain.start();
        boolean drained;
        try {
            drained = drain.awaitIdle(timeout);
            if (!drained) {
                LOG.warning("shutdown timeout of " + timeout.toMillis() + " ms reached with "
                        + drain.active() + " request(s) still in flight");
            }
            for (DrainableListener other : others) {
                drained &= other.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        listener.stop();
        others.forEach(DrainableListener::stop);
        backend.close();
        meters.close();
        return drained;
    }
}
