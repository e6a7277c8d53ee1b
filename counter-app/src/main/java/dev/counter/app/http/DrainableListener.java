package dev.counter.app.http;

import java.time.Duration;

/**
 * A listener beside the HTTP one that serves the same backend (the gRPC API): the HTTP server's
 * shutdown drains it in the same steps, so that the backend is closed only after both are idle.
 */
public interface DrainableListener {

    /** Refuses new calls from now on and reports itself not ready; calls in flight go on. */
    void refuseNewCalls();

    /** Waits until no call is in flight; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /** Closes the listener, cancelling whatever is still in flight. */
    void stop();
}
