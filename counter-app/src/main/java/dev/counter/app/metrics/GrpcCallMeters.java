package dev.counter.app.metrics;

import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;

/**
 * {@code counter_grpc_request_duration_seconds{service,method,method_type,code}}: Micrometer's gRPC
 * server interceptor, its timer renamed into the service's namespace with the HTTP histogram's
 * buckets, its {@code statusCode} called {@code code} and {@code methodType} {@code method_type}
 * (Prometheus label names are snake_case). Its call
 * counters are dropped: for unary calls they repeat the histogram's {@code _count}.
 */
public final class GrpcCallMeters {
    private static final String TIMER = "grpc.server.processing.duration";

    /** Set on the registry before any meter is registered; see {@link ServiceMeters}. */
    static final List<MeterFilter> FILTERS = List.of(
            MeterFilter.deny(id -> id.getName().startsWith("grpc.server.") && !id.getName().equals(TIMER)),
            MeterFilter.renameTag(TIMER, "statusCode", "code"),
            MeterFilter.renameTag(TIMER, "methodType", "method_type"),
            new MeterFilter() {
                @Override
                public Meter.Id map(Meter.Id id) {
                    return id.getName().equals(TIMER) ? id.withName("counter.grpc.request.duration") : id;
                }
            });

    private GrpcCallMeters() {
    }

    public static ServerInterceptor interceptor(MeterRegistry registry) {
        return new MetricCollectingServerInterceptor(registry, counter -> counter,
                timer -> timer.serviceLevelObjectives(ServiceMeters.LATENCY_BUCKETS));
    }
}
