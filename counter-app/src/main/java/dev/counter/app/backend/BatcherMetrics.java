package dev.counter.app.backend;

import java.util.List;
import java.util.function.ToLongFunction;

/** The Prometheus lines of a backend's batchers: queue depth, refusals, expiries, failed rounds. */
public final class BatcherMetrics {
    private BatcherMetrics() {
    }

    public static void render(StringBuilder out, String backend, List<Batcher<?>> batchers) {
        family(out, backend, batchers, "counter_queue_depth", "gauge",
                "Requests waiting for a batch to the store.", Batcher::queueDepth);
        family(out, backend, batchers, "counter_backpressure_rejections_total", "counter",
                "Requests refused at once (503) because the backlog could not be served within the deadline.",
                Batcher::rejected);
        family(out, backend, batchers, "counter_deadline_unsent_total", "counter",
                "Increments (by their amount) answered 503 at their deadline before being sent: never applied.", Batcher::expiredQueued);
        family(out, backend, batchers, "counter_deadline_in_flight_total", "counter",
                "Increments (by their amount) answered 503 at their deadline while their write was on the wire:"
                        + " the store may have applied them.",
                Batcher::expiredInFlight);
        family(out, backend, batchers, "counter_batch_failures_total", "counter",
                "Batches that failed as a whole (store error, exception, no answer).", Batcher::failedRounds);
    }

    private static void family(StringBuilder out, String backend, List<Batcher<?>> batchers, String name,
            String type, String help, ToLongFunction<Batcher<?>> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (Batcher<?> b : batchers) {
            out.append(name).append("{backend=\"").append(backend).append("\",batch=\"").append(b.name())
                    .append("\"} ").append(value.applyAsLong(b)).append('\n');
        }
    }
}
