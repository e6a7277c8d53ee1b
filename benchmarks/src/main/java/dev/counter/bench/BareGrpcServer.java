package dev.counter.bench;

import dev.counter.app.grpc.proto.incrementBy;
import dev.counter.app.grpc.proto.incrementCounterGrpc;
import dev.counter.app.grpc.proto.status;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/**
 * The gRPC baseline: the same proto and transport settings as the counter service's gRPC port
 * (netty-shaded, handlers on the event loop), answering every call with a constant reply of the
 * service's shape, with no counter behind it.
 */
public final class BareGrpcServer {
    private static final status REPLY = status.newBuilder().setMessage("Incremented value is 1234567").build();

    private BareGrpcServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(System.getenv().getOrDefault("GRPC_PORT", "50055"));
        Server server = NettyServerBuilder.forPort(port)
                .directExecutor()
                .addService(new incrementCounterGrpc.incrementCounterImplBase() {
                    @Override
                    public void increment(incrementBy request, StreamObserver<status> reply) {
                        reply.onNext(REPLY);
                        reply.onCompleted();
                    }
                })
                .build()
                .start();
        server.awaitTermination();
    }
}
