package dev.counter.app.metrics;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.StoreStateException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * {@code counter_backend_errors_total{cause}}: requests (HTTP and gRPC) that failed because of the
 * store. Every cause is registered at once, so that the rate of one that never happened is 0
 * rather than absent.
 */
public final class BackendErrors {
    /** Why the store failed a request, as the code tells the cases apart. */
    public enum Cause {
        /** No answer before the deadline (the store's, the router's or the client's). */
        TIMEOUT("timeout"),
        /** Unreachable, refusing, or a backlog that could not be served in time. */
        UNAVAILABLE("unavailable"),
        /** The store lost or rolled back values already handed out. */
        STATE_LOST("state_lost"),
        /** The store holds a value this service cannot read. */
        VALUE_UNUSABLE("value_unusable");

        private final String tag;

        Cause(String tag) {
            this.tag = tag;
        }
    }

    private final Map<Cause, Counter> counters = new EnumMap<>(Cause.class);

    BackendErrors(MeterRegistry registry) {
        for (Cause cause : Cause.values()) {
            counters.put(cause, Counter.builder("counter.backend.errors")
                    .description("Requests that failed because of the store, by cause.")
                    .tag("cause", cause.tag)
                    .register(registry));
        }
    }

    public void count(Cause cause) {
        counters.get(cause).increment();
    }

    /** Counts {@code error} when the store caused it; other failures (bad requests, bugs) are not the store's. */
    public void countIfStore(Throwable error) {
        Cause cause = causeOf(Failures.unwrap(error));
        if (cause != null) {
            count(cause);
        }
    }

    static Cause causeOf(Throwable error) {
        if (error instanceof StoreStateException e) {
            return e.kind() == StoreStateException.Kind.LOST ? Cause.STATE_LOST : Cause.VALUE_UNUSABLE;
        }
        if (error instanceof TimeoutException
                || error instanceof BackendUnavailableException e && e.isDeadlinePassed()) {
            return Cause.TIMEOUT;
        }
        return error instanceof BackendUnavailableException ? Cause.UNAVAILABLE : null;
    }
}
