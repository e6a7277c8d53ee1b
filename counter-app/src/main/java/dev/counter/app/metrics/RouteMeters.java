package dev.counter.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code counter_http_request_duration_seconds} of one route, one timer per status code. Recording
 * runs on the IO thread for every request: a status's timer is looked up in the registry once,
 * then found by index, without a map lookup, tags or boxing.
 */
public final class RouteMeters {
    private static final int MAX_STATUS = 600;

    private final MeterRegistry registry;
    private final String route;
    private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(MAX_STATUS);

    RouteMeters(MeterRegistry registry, String route) {
        this.registry = registry;
        this.route = route;
    }

    public void record(int status, long nanos) {
        if (status < 0 || status >= MAX_STATUS) {
            return;
        }
        Timer timer = byStatus.get(status);
        if (timer == null) {
            timer = register(status);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The registry hands every racer the same timer, so whichever one is stored is right. */
    private Timer register(int status) {
        Timer timer = Timer.builder("counter.http.request.duration")
                .description("HTTP request latency by route and status, from routing to the response being queued.")
                .tags("route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(ServiceMeters.LATENCY_BUCKETS)
                .register(registry);
        byStatus.compareAndSet(status, null, timer);
        return timer;
    }
}
