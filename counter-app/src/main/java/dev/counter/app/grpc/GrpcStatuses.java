package dev.counter.app.grpc;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.StoreStateException;
import io.grpc.Status;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The gRPC status of a failed backend call: the counterpart of the HTTP router's 503s and 500. */
final class GrpcStatuses {
    private static final Logger LOG = Logger.getLogger(GrpcStatuses.class.getName());

    private GrpcStatuses() {
    }

    static Status of(Throwable error) {
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof StoreStateException e) {
            // UNAVAILABLE rather than FAILED_PRECONDITION: nothing the client can change makes the
            // call valid, while another replica (whose store is healthy) or a later retry, once the
            // store is repaired, can succeed. Clients retry UNAVAILABLE by convention; they would
            // give up on FAILED_PRECONDITION. The reason says which state is wrong, as /ready does.
            return Status.UNAVAILABLE.withDescription(e.reason());
        }
        if (cause instanceof TimeoutException
                || cause instanceof BackendUnavailableException e && e.isDeadlinePassed()) {
            // the backend's own deadline (COUNTER_BACKEND_TIMEOUT) or the client's, whichever came
            // first; an increment already sent may still be applied, as with HTTP's 503
            return Status.DEADLINE_EXCEEDED.withDescription(cause.getMessage() == null
                    ? "no answer before the deadline" : cause.getMessage());
        }
        if (cause instanceof BackendUnavailableException) {
            return Status.UNAVAILABLE.withDescription(cause.getMessage());
        }
        LOG.log(Level.SEVERE, "gRPC call failed", cause);
        return Status.INTERNAL.withDescription("internal error");
    }
}
