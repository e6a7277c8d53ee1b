package dev.counter.app.metrics;

import dev.counter.meters.StandardMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The service's meters on Micrometer's Prometheus registry: every meter carries the common tag
 * {@code backend}; the JVM and process meters are those the operator exposes too
 * ({@link StandardMeters}).
 */
public final class ServiceMeters implements AutoCloseable {
    /** From 100 µs (an in-memory increment) to 10 s (past any deadline). */
    public static final Duration[] LATENCY_BUCKETS = seconds(
            0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    /** The content types of the Prometheus client's two text writers (a runtime-only dependency here). */
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** What {@code /metrics} answers, in the format the Accept header chose. */
    public record Exposition(String contentType, String body) {
    }

    private final StandardMeters standard;
    private final PrometheusMeterRegistry registry;
    private final BackendErrors backendErrors;
    private final LongSupplier counterValue;
    private volatile boolean counterValueShown;

    /**
     * @param counterValue the last counter value this process saw, negative while it has seen none
     * @param storeUp whether the store answered its last readiness check
     */
    public ServiceMeters(String backend, LongSupplier counterValue, BooleanSupplier storeUp) {
        this.standard = StandardMeters.create(Tags.of("backend", backend),
                GrpcCallMeters.FILTERS.toArray(MeterFilter[]::new));
        this.registry = standard.registry();
        this.backendErrors = new BackendErrors(registry);
        this.counterValue = counterValue;
        // the Supplier form holds its function strongly; the object form would lose a lambda to the GC
        Gauge.builder("counter.store.up", () -> storeUp.getAsBoolean() ? 1 : 0)
                .description("1 while the store answers (its last readiness check reached it), else 0.")
                .register(registry);
    }

    private static Duration[] seconds(double... bounds) {
        Duration[] out = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
        }
        return out;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public RouteMeters route(String route) {
        return new RouteMeters(registry, route);
    }

    public BackendErrors backendErrors() {
        return backendErrors;
    }

    /**
     * The exposition in OpenMetrics when {@code accept} asks for it (as Prometheus does), else in
     * the text format 0.0.4.
     */
    public Exposition scrape(String accept) {
        showCounterValueOnceSeen();
        String type = accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS : TEXT;
        return new Exposition(type, registry.scrape(type));
    }

    /** {@code counter_value} is absent until there is a value: a 0 would be a value this process never saw. */
    private void showCounterValueOnceSeen() {
        if (!counterValueShown && counterValue.getAsLong() >= 0) {
            counterValueShown = true;
            Gauge.builder("counter.value", counterValue::getAsLong)
                    .description("The last counter value this process saw.")
                    .register(registry);
        }
    }

    @Override
    public void close() {
        standard.close();
    }
}
