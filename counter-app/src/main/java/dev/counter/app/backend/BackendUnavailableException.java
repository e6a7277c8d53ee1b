package dev.counter.app.backend;

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
}
