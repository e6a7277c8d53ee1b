package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * Prometheus Operator objects for the counter: a ServiceMonitor and a PrometheusRule, made only in
 * clusters where their CRDs (monitoring.coreos.com) are installed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

    public static final String DEFAULT_INTERVAL = "30s";

    public static final String RESERVED_LABELS_MESSAGE =
            "monitoring.labels must not set app.kubernetes.io/ labels: the operator sets them";

    /**
     * Prometheus' duration syntax as the ServiceMonitor CRD checks it, without its "0" (which would
     * leave the interval to Prometheus); every part is optional, so a minimum length refuses "".
     */
    static final String DURATION_PATTERN =
            "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$";

    @Default("true")
    @JsonPropertyDescription(
            "Create a ServiceMonitor (and, with alerts, a PrometheusRule) for the counter when the"
                + " cluster has the Prometheus Operator's CRDs; without them nothing is made."
                + " Disabling it deletes both.")
    private Boolean enabled = true;

    @ValidationRule(
            value = "self.all(k, !k.startsWith('app.kubernetes.io/'))",
            message = RESERVED_LABELS_MESSAGE,
            reason = "FieldValueForbidden")
    @JsonPropertyDescription(
            "Extra labels on the ServiceMonitor and PrometheusRule, for the serviceMonitorSelector"
                + " and ruleSelector of the Prometheus that should pick them up (e.g. release:"
                + " kube-prometheus-stack).")
    private Map<String, String> labels;

    @Default(DEFAULT_INTERVAL)
    @Pattern(DURATION_PATTERN)
    @Size(min = 2)
    @JsonPropertyDescription("How often Prometheus scrapes the counter pods' /metrics (e.g. 15s, 1m).")
    private String interval = DEFAULT_INTERVAL;

    @Default("true")
    @JsonPropertyDescription(
            "Create the PrometheusRule with the counter's alerts (503 rate, store unavailable,"
                + " state lost, etcd quorum, stale snapshots). Disabling it deletes the rule.")
    private Boolean alerts = true;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public Boolean getAlerts() {
        return alerts;
    }

    public void setAlerts(Boolean alerts) {
        this.alerts = alerts;
    }
}
