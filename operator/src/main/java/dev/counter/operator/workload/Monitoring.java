package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.MonitoringSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What {@code spec.monitoring} asks for; an absent section means its defaults (all on). */
public final class Monitoring {

    private Monitoring() {}

    public static MonitoringSpec of(CounterAppSpec spec) {
        return Objects.requireNonNullElseGet(spec.getMonitoring(), MonitoringSpec::new);
    }

    /** ServiceMonitor and PrometheusRule, where their CRDs are installed. */
    public static boolean enabled(CounterAppSpec spec) {
        return !Boolean.FALSE.equals(of(spec).getEnabled());
    }

    public static boolean alerts(CounterAppSpec spec) {
        return enabled(spec) && !Boolean.FALSE.equals(of(spec).getAlerts());
    }

    public static String interval(CounterAppSpec spec) {
        return Objects.requireNonNullElse(of(spec).getInterval(), MonitoringSpec.DEFAULT_INTERVAL);
    }

    /**
     * Metadata of the ServiceMonitor and PrometheusRule: the user's labels, for a Prometheus'
     * selectors, under the recommended ones, which win (the CRD refuses such keys anyway), so the
     * operator's informers keep finding its objects.
     */
    public static ObjectMeta metadata(CounterApp app, String name) {
        ObjectMeta meta = OwnedMetadata.of(app, name);
        var labels = new LinkedHashMap<String, String>();
        Map<String, String> extra = of(app.getSpec()).getLabels();
        if (extra != null) {
            labels.putAll(extra);
        }
        labels.putAll(meta.getLabels());
        meta.setLabels(labels);
        return meta;
    }
}
