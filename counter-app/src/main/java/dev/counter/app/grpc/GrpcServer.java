package dev.counter.app.grpc;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.metrics.GrpcCallMeters;
import dev.counter.app.metrics.ServiceMeters;
import dev.counter.app.grpc.proto.incrementCounterGrpc;
import dev.counter.app.http.DrainableListener;
import dev.counter.app.http.InFlight;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The gRPC port: the increment API, the health service and server reflection. */
public final class GrpcServer implements DrainableListener {
    /** How long {@link #stop} lets the transport finish writing before it cancels what is left. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final Server server;
    private final GrpcHealth health;
    private final InFlight increments;

    private GrpcServer(Server server, GrpcHealth health, InFlight increments) {
        this.server = server;
        this.health = health;
        this.increments = increments;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and starts serving.
     *
     * @param callBound the longest a call waits for the backend
     * @param ready the service's readiness, which the health service reports
     * @param meters the HTTP server's, so that one /metrics shows both APIs
     * @throws UncheckedIOException when the address cannot be bound
     */
    @SuppressWarnings("deprecation") // the v1alpha reflection service: grpcurl before 1.8.8 only asks that one
    public static GrpcServer start(String host, int port, CounterBackend backend, Duration callBound,
            Supplier<CompletableFuture<Boolean>> ready, ServiceMeters meters) {
        GrpcHealth health = new GrpcHealth(ready, incrementCounterGrpc.SERVICE_NAME);
        InFlight increments = new InFlight();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                // Every handler here only starts work and returns (increments answer from the
                // backend's future), so calls run on the transport's event loop: no hop to a pool
                // thread per call, and calls on one connection start in the order they arrived.
                .directExecutor()
                .intercept(GrpcCallMeters.interceptor(meters.registry()))
                .addService(new IncrementService(backend, callBound, increments, meters.backendErrors()))
                .addService(health.service())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(ProtoReflectionService.newInstance())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            health.stop();
            throw new UncheckedIOException(e);
        }
        return new GrpcServer(server, health, increments);
    }

    public int port() {
        return server.getPort();
    }

    /** Health turns NOT_SERVING at once; the server refuses new calls (UNAVAILABLE) and lets the others end. */
    @Override
    public void refuseNewCalls() {
        // The GOAWAY first: a client that sees NOT_SERVING must no longer be able to start a call here.
        server.shutdown();
        health.stop();
    }

    /**
     * Waits for the increments, not for every call: a health Watch or a reflection stream never
     * ends by itself and would hold shutdown for the whole timeout. {@link #stop} cancels those.
     */
    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return increments.awaitNone(timeout);
    }

    @Override
    public void stop() {
        try {
            // The last answers may still be in the transport's write queue: a cancel now could drop
            // them. Only open streams (a Watch) make this wait its whole grace.
            server.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
    }
}
