package dev.counter.meters;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.micrometer.core.instrument.Clock;
import java.util.Set;

/**
 * The Prometheus registry of one deployable, with the JVM and process meters that the counter
 * service and the operator both expose: Micrometer's standard binders, and the Prometheus client's
 * process metrics for what those lack ({@code process_cpu_seconds_total},
 * {@code process_resident_memory_bytes}, …).
 *
 * <p>Where both libraries measure the same thing, the Prometheus client's name stays and
 * Micrometer's meter is dropped, so that no family appears twice: {@code process.start.time}
 * (the same {@code process_start_time_seconds}) and {@code process.cpu.time} (which Micrometer
 * exposes as {@code process_cpu_time_ns_total}, an abbreviated unit that promlint refuses).
 */
public final class StandardMeters implements AutoCloseable {
    /** Micrometer meters that the Prometheus client's process metrics already cover. */
    static final Set<String> COVERED_BY_PROCESS_METRICS = Set.of("process.start.time", "process.cpu.time");

    /**
     * What promlint says about a standard name that stays as it is: Micrometer's
     * {@code system_cpu_count} gauge ends in {@code _count}, which promlint reserves for
     * histograms and summaries, but it is the name the common JVM dashboards query, and renaming
     * one binder's meter would make these deployables the odd ones out.
     */
    public static final Set<String> ACCEPTED_LINT_FINDINGS =
            Set.of("system_cpu_count: non-histogram and non-summary metrics should not have \"_count\" suffix");

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private StandardMeters(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = registry;
        this.gc = gc;
    }

    /**
     * A fresh registry with the JVM and process meters bound.
     *
     * @param commonTags tags on every Micrometer meter
     * @param filters the deployable's own filters (names, denials): like the tags, set before any
     *     meter is registered, since a filter added later misses the meters already there
     */
    public static StandardMeters create(Tags commonTags, MeterFilter... filters) {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        ProcessMetrics.builder().register(prometheus);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, Clock.SYSTEM);
        registry.config()
                .commonTags(commonTags)
                .meterFilter(MeterFilter.deny(id -> COVERED_BY_PROCESS_METRICS.contains(id.getName())));
        for (MeterFilter filter : filters) {
            registry.config().meterFilter(filter);
        }
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return new StandardMeters(registry, gc);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops listening to GC notifications: a process that starts several servers must not pile them up. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
