package dev.counter.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's shape, and the ConfigMap a Grafana sidecar loads it from. */
class DashboardTest {

    private final Map<String, Object> dashboard = DashboardQueries.dashboard();

    @Test
    void isACurrentGrafanaDashboard() {
        // Grafana 11.x writes 39 to 41; older versions migrate it on load, newer ones accept it
        assertThat((Integer) dashboard.get("schemaVersion")).isBetween(39, 41);
        assertThat(dashboard).containsKeys("uid", "title", "panels");
    }

    @Test
    void hasAPrometheusDatasourceVariableAndTheNamespaceServiceBackendVariables() {
        List<Map<String, Object>> variables = DashboardQueries.templateVariables(dashboard);
        assertThat(variables)
                .anySatisfy(
                        v -> assertThat(v)
                                .containsEntry("name", "datasource")
                                .containsEntry("type", "datasource")
                                .containsEntry("query", "prometheus"));
        assertThat(variables.stream().map(v -> v.get("name")))
                .containsSubsequence("datasource", "namespace", "service", "backend");
        assertThat(variables.stream().filter(v -> "query".equals(v.get("type"))))
                .allSatisfy(v -> assertThat(v.get("datasource")).isEqualTo(Map.of("type", "prometheus", "uid", "${datasource}")));
    }

    @Test
    void everyQueryingPanelUsesTheDatasourceVariable() {
        List<Map<String, Object>> panels = new ArrayList<>();
        flatten(DashboardQueries.list(dashboard.get("panels")), panels);
        List<Map<String, Object>> querying =
                panels.stream().filter(p -> !DashboardQueries.list(p.get("targets")).isEmpty()).toList();
        assertThat(querying).hasSizeGreaterThan(20);
        Map<String, Object> variable = Map.of("type", "prometheus", "uid", "${datasource}");
        assertThat(querying).allSatisfy(p -> {
            assertThat(p.get("datasource")).as("%s", p.get("title")).isEqualTo(variable);
            assertThat(DashboardQueries.list(p.get("targets")))
                    .allSatisfy(t -> assertThat(t.get("datasource")).as("%s", p.get("title")).isEqualTo(variable));
        });
        assertThat(panels.stream().map(p -> p.get("id"))).doesNotHaveDuplicates();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKustomizationMakesItAConfigMapTheGrafanaSidecarPicksUp() {
        Map<String, Object> kustomization =
                MonitoringFiles.parse(MonitoringFiles.MONITORING.resolve("kustomization.yaml"), Map.class);
        assertThat((List<String>) kustomization.get("resources")).contains("prometheus-rule.yaml");
        List<Map<String, Object>> generators = (List<Map<String, Object>>) kustomization.get("configMapGenerator");
        assertThat(generators)
                .anySatisfy(g -> {
                    assertThat((List<String>) g.get("files")).contains("dashboards/counter-app.json");
                    Map<String, Object> options = (Map<String, Object>) g.get("options");
                    assertThat((Map<String, Object>) options.get("labels")).containsEntry("grafana_dashboard", "1");
                });
    }

    private static void flatten(List<Map<String, Object>> panels, List<Map<String, Object>> into) {
        for (Map<String, Object> panel : panels) {
            into.add(panel);
            flatten(DashboardQueries.list(panel.get("panels")), into);
        }
    }
}
