package dev.counter.e2e.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every PromQL expression of the Grafana dashboard: panel targets and variable queries. */
final class DashboardQueries {

    /** Grafana's {@code label_values(selector, label)}: only the selector is PromQL. */
    private static final Pattern LABEL_VALUES =
            Pattern.compile("\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*", Pattern.DOTALL);

    private DashboardQueries() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> dashboard() {
        return MonitoringFiles.parse(MonitoringFiles.DASHBOARD, Map.class);
    }

    static List<Query> all() {
        Map<String, Object> dashboard = dashboard();
        List<Query> queries = new ArrayList<>();
        collectPanels(list(dashboard.get("panels")), queries);
        for (Map<String, Object> variable : templateVariables(dashboard)) {
            if ("query".equals(variable.get("type"))) {
                queries.add(new Query(source("variable $" + variable.get("name")), selectorOf(variable)));
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> templateVariables(Map<String, Object> dashboard) {
        return list(((Map<String, Object>) dashboard.get("templating")).get("list"));
    }

    /** Rows nest their panels when collapsed; both kinds count. */
    @SuppressWarnings("unchecked")
    static void collectPanels(List<Map<String, Object>> panels, List<Query> into) {
        for (Map<String, Object> panel : panels) {
            collectPanels(list(panel.get("panels")), into);
            for (Map<String, Object> target : list(panel.get("targets"))) {
                into.add(
                        new Query(
                                source("panel \"" + panel.get("title") + "\" " + target.get("refId")),
                                String.valueOf(target.get("expr"))));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String selectorOf(Map<String, Object> variable) {
        Object query = variable.get("query");
        String text =
                query instanceof Map<?, ?> map
                        ? String.valueOf(((Map<String, Object>) map).get("query"))
                        : String.valueOf(query);
        Matcher m = LABEL_VALUES.matcher(text);
        return m.matches() ? m.group(1) : text;
    }

    private static String source(String what) {
        return MonitoringFiles.relative(MonitoringFiles.DASHBOARD) + ": " + what;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
