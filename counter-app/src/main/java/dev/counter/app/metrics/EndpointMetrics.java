package dev.counter.app.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ObjIntConsumer;

/** Request count and latency of one endpoint, one histogram per status code. */
public final class EndpointMetrics {
    private static final int MAX_STATUS = 600;

    private final String endpoint;
    /** Indexed by status code so that recording does no map lookup and no boxing. */
    private final AtomicReferenceArray<LatencyHistogram> byStatus = new AtomicReferenceArray<>(MAX_STATUS);

    EndpointMetrics(String endpoint) {
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }

    public void record(int status, long nanos) {
        if (status < 0 || status >= MAX_STATUS) {
            return;
        }
        LatencyHistogram h = byStatus.get(status);
        if (h == null) {
            byStatus.compareAndSet(status, null, new LatencyHistogram());
            h = byStatus.get(status);
        }
        h.record(nanos);
    }

    void forEachStatus(ObjIntConsumer<LatencyHistogram> action) {
        for (int status = 0; status < MAX_STATUS; status++) {
            LatencyHistogram h = byStatus.get(status);
            if (h != null) {
                action.accept(h, status);
            }
        }
    }
}
