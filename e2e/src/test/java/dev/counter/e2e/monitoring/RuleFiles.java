package dev.counter.e2e.monitoring;

import dev.counter.operator.testing.CounterApps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alert rules: the per-CounterApp groups the operator fills in (its placeholders replaced as
 * the operator replaces them) and the static operator-wide PrometheusRule.
 */
final class RuleFiles {

    static final String NAMESPACE = CounterApps.NAMESPACE;
    static final String APP = "counter-etcd";

    /** What the operator puts in place of the placeholders for {@link #APP} in {@link #NAMESPACE}. */
    static final Map<String, String> PLACEHOLDERS =
            Map.of(
                    "__SELECTOR__", "namespace=\"" + NAMESPACE + "\",service=\"" + APP + "\"",
                    "__APP_SELECTOR__",
                    "counterapp_namespace=\"" + NAMESPACE + "\",counterapp=\"" + APP + "\"");

    /** One rule of a group, as parsed. */
    record Rule(Path file, String group, Map<String, Object> fields) {
        String name() {
            Object name = fields.getOrDefault("alert", fields.get("record"));
            return name == null ? "(unnamed)" : name.toString();
        }

        Query query() {
            String expr = String.valueOf(fields.get("expr"));
            for (var placeholder : PLACEHOLDERS.entrySet()) {
                expr = expr.replace(placeholder.getKey(), placeholder.getValue());
            }
            return new Query(MonitoringFiles.relative(file) + ": " + name(), expr);
        }
    }

    private RuleFiles() {}

    /** The spec.groups of the per-CounterApp PrometheusRule: a YAML list. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> appGroups() {
        return MonitoringFiles.parse(MonitoringFiles.APP_RULES, List.class);
    }

    /** The operator-wide PrometheusRule object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> operatorRule() {
        return MonitoringFiles.parse(MonitoringFiles.OPERATOR_RULES, Map.class);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> operatorGroups() {
        return (List<Map<String, Object>>) ((Map<String, Object>) operatorRule().get("spec")).get("groups");
    }

    static List<Rule> all() {
        List<Rule> rules = new ArrayList<>();
        collect(MonitoringFiles.APP_RULES, appGroups(), rules);
        collect(MonitoringFiles.OPERATOR_RULES, operatorGroups(), rules);
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Path file, List<Map<String, Object>> groups, List<Rule> into) {
        for (Map<String, Object> group : groups) {
            for (Object rule : (List<Object>) group.getOrDefault("rules", List.of())) {
                into.add(new Rule(file, String.valueOf(group.get("name")), (Map<String, Object>) rule));
            }
        }
    }
}
