package dev.counter.app.grpc;

import dev.counter.app.grpc.proto.incrementBy;
import dev.counter.app.grpc.proto.incrementCounterGrpc;
import dev.counter.app.grpc.proto.status;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real client of the gRPC port, through the generated stubs, as the original's clients are. */
public final class GrpcClient implements AutoCloseable {
    private static final Pattern REPLY = Pattern.compile("Incremented value is (\\d+)");
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final ManagedChannel channel;

    public GrpcClient(int port) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    public String increment(int value) {
        return incrementCounterGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .increment(request(value)).getMessage();
    }

    /** The N of "Incremented value is N", failing the test on any other reply. */
    public long incrementedValue(int value) {
        return valueOf(increment(value));
    }

    public static long valueOf(String message) {
        Matcher m = REPLY.matcher(message);
        if (!m.matches()) {
            throw new AssertionError("not the original's reply: " + message);
        }
        return Long.parseLong(m.group(1));
    }

    /** The call's failure; an AssertionError when it succeeded. */
    public StatusRuntimeException failure(int value, Duration deadline) {
        try {
            String reply = incrementCounterGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).increment(request(value)).getMessage();
            throw new AssertionError("expected a failure, got " + reply);
        } catch (StatusRuntimeException e) {
            return e;
        }
    }

    /** The call sent now; its reply (or failure) completes the future. */
    public CompletableFuture<String> incrementAsync(int value) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        incrementCounterGrpc.newStub(channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .increment(request(value), new StreamObserver<>() {
                    @Override
                    public void onNext(status s) {
                        reply.complete(s.getMessage());
                    }

                    @Override
                    public void onError(Throwable t) {
                        reply.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        return reply;
    }

    public ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    /** Every status the health service pushes for {@code service}, in order. */
    public void watchHealth(String service, List<ServingStatus> into) {
        HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService(service).build(),
                new StreamObserver<HealthCheckResponse>() {
                    @Override
                    public void onNext(HealthCheckResponse r) {
                        into.add(r.getStatus());
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
    }

    /** The services that server reflection lists, as grpcurl's {@code list} asks. */
    public List<String> reflectedServices() throws Exception {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS).serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse r) {
                        names.complete(r.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        names.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> result = names.get(5, TimeUnit.SECONDS);
        requests.onCompleted();
        return result;
    }

    private static incrementBy request(int value) {
        return incrementBy.newBuilder().setValue(value).build();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
