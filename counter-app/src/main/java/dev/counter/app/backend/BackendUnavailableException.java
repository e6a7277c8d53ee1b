package dev.counter.app.backend;

import java.util.concurrent.TimeoutException;

/**
 * The store could not be reached, or did not confirm the operation, within the deadline. The HTTP
 * layer answers 503: a value is never invented in its place.
 */
public final class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackendUnavailableException(String message) {
        super(message);
    }

    /**
     * The store did not answer in time, as opposed to refusing or being unreachable: HTTP answers
     * 503 all the same, gRPC tells DEADLINE_EXCEEDED from UNAVAILABLE by it.
     */
    public static BackendUnavailableException deadlinePassed(String message) {
        return new BackendUnavailableException(message, new TimeoutException(message));
    }

    /** Whether a timeout caused it: {@link #deadlinePassed}, or a client's or future's own timeout. */
    public boolean isDeadlinePassed() {
        for (Throwable c = getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
