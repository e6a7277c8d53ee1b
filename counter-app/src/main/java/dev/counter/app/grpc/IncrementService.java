package dev.counter.app.grpc;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.grpc.proto.incrementBy;
import dev.counter.app.grpc.proto.incrementCounterGrpc;
import dev.counter.app.grpc.proto.status;
import dev.counter.app.http.InFlight;
import dev.counter.app.http.IncrementAmount;
import dev.counter.app.metrics.BackendErrors;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code counter.incrementCounter/increment}: the same backend call as {@code /increment?by=}, so
 * both APIs share one counter on every backend and across replicas. The reply is sent from the
 * backend's future: no gRPC thread ever waits on a store.
 */
final class IncrementService extends incrementCounterGrpc.incrementCounterImplBase {
    private final CounterBackend backend;
    private final Duration callBound;
    private final InFlight inFlight;
    private final BackendErrors backendErrors;

    /**
     * @param callBound the longest a call waits for the backend, past its own timeout
     * @param inFlight counts the calls between their start and their answer, for shutdown
     */
    IncrementService(CounterBackend backend, Duration callBound, InFlight inFlight, BackendErrors backendErrors) {
        this.backend = backend;
        this.callBound = callBound;
        this.inFlight = inFlight;
        this.backendErrors = backendErrors;
    }

    @Override
    public void increment(incrementBy request, StreamObserver<status> responseObserver) {
        ServerCallStreamObserver<status> call = (ServerCallStreamObserver<status>) responseObserver;
        // Without a handler, answering a call its client already gave up on would throw.
        call.setOnCancelHandler(() -> {
        });
        long value = request.getValue();
        String violation = value == 0 ? null : IncrementAmount.violation(value);
        if (violation != null) {
            call.onError(Status.INVALID_ARGUMENT.withDescription(violation).asRuntimeException());
            return;
        }
        inFlight.enter();
        // A copy: the timeout must end this call's wait, not complete the backend's own future.
        backendCall(value).copy().orTimeout(waitMillis(), TimeUnit.MILLISECONDS).whenComplete((n, error) -> {
            try {
                answer(call, n, error);
            } finally {
                inFlight.exit();
            }
        });
    }

    /** The original answers 0 with the current value, unchanged; a backend that throws fails the call. */
    private CompletableFuture<Long> backendCall(long value) {
        try {
            return value == 0 ? backend.fetch() : backend.incrementBy(value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answer(ServerCallStreamObserver<status> call, Long value, Throwable error) {
        if (error != null) {
            backendErrors.countIfStore(error);
            call.onError(GrpcStatuses.of(error).asRuntimeException());
            return;
        }
        call.onNext(status.newBuilder().setMessage("Incremented value is " + value).build());
        call.onCompleted();
    }

    /** The client's deadline or the backend's bound, whichever is sooner. */
    private long waitMillis() {
        long bound = callBound.toMillis();
        Deadline deadline = Context.current().getDeadline();
        return deadline == null ? bound : Math.max(0, Math.min(bound, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
    }
}
