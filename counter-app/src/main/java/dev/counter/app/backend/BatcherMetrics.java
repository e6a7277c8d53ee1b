package dev.counter.app.backend;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The meters of a backend's batchers, tagged {@code batch}: queue depth, refusals, expiries, failed rounds, sizes. */
public final class BatcherMetrics {
    /** Requests per round trip, in powers of two up to the largest batch (1024). */
    static final double[] BATCH_SIZE_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private BatcherMetrics() {
    }

    public static void bind(MeterRegistry registry, List<Batcher<?>> batchers) {
        for (Batcher<?> b : batchers) {
            Gauge.builder("counter.queue.depth", b, Batcher::queueDepth)
                    .description("Requests waiting for a batch to the store.")
                    .tag("batch", b.name()).register(registry);
            counter(registry, b, "counter.backpressure.rejections",
                    "Requests refused at once (503) because the backlog could not be served within the deadline.",
                    Batcher::rejected);
            counter(registry, b, "counter.deadline.unsent",
                    "Increments (by their amount) answered 503 at their deadline before being sent: never applied.",
                    Batcher::expiredQueued);
            counter(registry, b, "counter.deadline.in.flight",
                    "Increments (by their amount) answered 503 at their deadline while their write was on the wire:"
                            + " the store may have applied them.",
                    Batcher::expiredInFlight);
            counter(registry, b, "counter.batch.failures",
                    "Batches that failed as a whole (store error, exception, no answer).", Batcher::failedRounds);
            DistributionSummary sizes = DistributionSummary.builder("counter.batch.size")
                    .description("Requests per store round trip.")
                    .tag("batch", b.name())
                    .serviceLevelObjectives(BATCH_SIZE_BUCKETS)
                    .register(registry);
            b.onRound(sizes::record);
        }
    }

    private static <T extends Batcher<?>> void counter(MeterRegistry registry, T batcher, String name,
            String help, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, batcher, value).description(help).tag("batch", batcher.name()).register(registry);
    }
}
