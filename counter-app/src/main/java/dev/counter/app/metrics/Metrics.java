package dev.counter.app.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The service's Prometheus metrics: requests and latency per endpoint and status, the counter
 * value, backend errors and JVM basics, rendered in the text exposition format 0.0.4.
 */
public final class Metrics {
    private final String backend;
    private final LongSupplier counterValue;
    private final Consumer<StringBuilder> backendMetrics;
    private final List<EndpointMetrics> endpoints = new CopyOnWriteArrayList<>();
    private final LongAdder backendErrors = new LongAdder();

    /**
     * @param counterValue the last counter value this process saw, negative when none yet
     * @param backendMetrics appends the backend's own lines
     */
    public Metrics(String backend, LongSupplier counterValue, Consumer<StringBuilder> backendMetrics) {
        this.backend = backend;
        this.counterValue = counterValue;
        this.backendMetrics = backendMetrics;
    }

    public EndpointMetrics endpoint(String name) {
        EndpointMetrics m = new EndpointMetrics(name);
        endpoints.add(m);
        return m;
    }

    public void backendError() {
        backendErrors.increment();
    }

    public String render() {
        StringBuilder out = new StringBuilder(8192);
        renderRequests(out);
        renderLatency(out);

        long value = counterValue.getAsLong();
        if (value >= 0) {
            header(out, "counter_value", "gauge", "The last counter value this process saw.");
            out.append("counter_value{backend=\"").append(backend).append("\"} ").append(value).append('\n');
        }
        header(out, "counter_backend_errors_total", "counter",
                "Requests that failed because the backend was unavailable or timed out.");
        out.append("counter_backend_errors_total{backend=\"").append(backend).append("\"} ")
                .append(backendErrors.sum()).append('\n');
        backendMetrics.accept(out);
        renderJvm(out);
        return out.toString();
    }

    private void renderRequests(StringBuilder out) {
        header(out, "counter_http_requests_total", "counter", "HTTP requests by endpoint and status.");
        for (EndpointMetrics e : endpoints) {
            e.forEachStatus((h, status) -> out.append("counter_http_requests_total{endpoint=\"")
                    .append(e.endpoint()).append("\",status=\"").append(status).append("\"} ")
                    .append(h.count()).append('\n'));
        }
    }

    private void renderLatency(StringBuilder out) {
        header(out, "counter_http_request_duration_seconds", "histogram",
                "HTTP request latency by endpoint and status, from routing to the response being queued.");
        for (EndpointMetrics e : endpoints) {
            e.forEachStatus((h, status) -> {
                String labels = "endpoint=\"" + e.endpoint() + "\",status=\"" + status + "\"";
                long[] cumulative = h.cumulative();
                for (int i = 0; i < cumulative.length; i++) {
                    String le = i < LatencyHistogram.BOUNDS_SECONDS.length
                            ? BigDecimal.valueOf(LatencyHistogram.BOUNDS_SECONDS[i]).toPlainString() : "+Inf";
                    out.append("counter_http_request_duration_seconds_bucket{").append(labels)
                            .append(",le=\"").append(le).append("\"} ").append(cumulative[i]).append('\n');
                }
                out.append("counter_http_request_duration_seconds_sum{").append(labels).append("} ")
                        .append(String.format(Locale.ROOT, "%.6f", h.sumSeconds())).append('\n');
                out.append("counter_http_request_duration_seconds_count{").append(labels).append("} ")
                        .append(cumulative[cumulative.length - 1]).append('\n');
            });
        }
    }

    private static void renderJvm(StringBuilder out) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        header(out, "jvm_memory_used_bytes", "gauge", "Used JVM memory by area.");
        out.append("jvm_memory_used_bytes{area=\"heap\"} ").append(memory.getHeapMemoryUsage().getUsed()).append('\n');
        out.append("jvm_memory_used_bytes{area=\"nonheap\"} ")
                .append(memory.getNonHeapMemoryUsage().getUsed()).append('\n');
        header(out, "jvm_memory_max_bytes", "gauge", "Maximum heap size.");
        out.append("jvm_memory_max_bytes{area=\"heap\"} ").append(memory.getHeapMemoryUsage().getMax()).append('\n');
        header(out, "jvm_threads_live", "gauge", "Live JVM threads.");
        out.append("jvm_threads_live ").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n');
        header(out, "jvm_gc_collection_seconds_total", "counter", "Time spent in garbage collection.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.append("jvm_gc_collection_seconds_total{gc=\"").append(gc.getName()).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.3f", gc.getCollectionTime() / 1000.0)).append('\n');
        }
        header(out, "process_uptime_seconds", "gauge", "Time since the JVM started.");
        out.append("process_uptime_seconds ")
                .append(String.format(Locale.ROOT, "%.3f", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0))
                .append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
