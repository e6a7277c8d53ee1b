package dev.counter.app.grpc;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.grpc.proto.incrementCounterGrpc;
import dev.counter.app.http.DrainableListener;
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
    private final Server server;
    private final GrpcHealth health;

    private GrpcServer(Server server, GrpcHealth health) {
        this.server = server;
        this.health = health;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and starts serving.
     *
     * @param callBound the longest a call waits for the backend
     * @param ready the service's readiness, which the health service reports
     * @throws UncheckedIOException when the address cannot be bound
     */
    @SuppressWarnings("deprecation") // the v1alpha reflection service: grpcurl before 1.8.8 only asks that one
    public static GrpcServer start(String host, int port, CounterBackend backend, Duration callBound,
            Supplier<CompletableFuture<Boolean>> ready) {
        GrpcHealth health = new GrpcHealth(ready, incrementCounterGrpc.SERVICE_NAME);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(new IncrementService(backend, callBound))
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
        return new GrpcServer(server, health);
    }

    public int port() {
        return server.getPort();
    }

    /** Health turns NOT_SERVING at once; the server refuses new calls (UNAVAILABLE) and lets the others end. */
    @Override
    public void refuseNewCalls() {
        health.stop();
        server.shutdown();
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return server.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        server.shutdownNow();
    }
}
