package dev.counter.app.backend;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Deadlines and the mapping of client failures to 503s, shared by the backends. */
public final class Failures {
    private Failures() {
    }

    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * {@code call} bounded by {@code timeoutMillis}; a timeout, or a failure that {@code isOutage}
     * accepts, becomes a {@link BackendUnavailableException} naming the backend. Other failures
     * (a bug, corrupt data) pass through and become 500s.
     */
    public static <T> CompletableFuture<T> bounded(String backend, CompletableFuture<T> call, long timeoutMillis,
            Predicate<Throwable> isOutage) {
        return classified(backend, call.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS), timeoutMillis, isOutage);
    }

    /**
     * {@code call}, already bounded by its client's own deadline, with failures mapped as in
     * {@link #bounded}: a second timer per call would only duplicate the client's.
     */
    public static <T> CompletableFuture<T> classified(String backend, CompletableFuture<T> call, long timeoutMillis,
            Predicate<Throwable> isOutage) {
        return call.exceptionallyCompose(error -> {
            Throwable cause = unwrap(error);
            if (cause instanceof BackendUnavailableException || cause instanceof StoreStateException) {
                return CompletableFuture.failedFuture(cause);
            }
            if (cause instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new BackendUnavailableException(
                        backend + ": no answer within " + timeoutMillis + " ms", cause));
            }
            if (isOutage.test(cause)) {
                return CompletableFuture.failedFuture(new BackendUnavailableException(backend + ": " + cause.getMessage(), cause));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }
}
