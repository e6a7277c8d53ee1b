package dev.counter.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.counter.testkit.SharedStores;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric the dashboard and the alert rules query is one the code exports, with the labels
 * the query expects: the names and labels in their PromQL against the samples of the real {@code
 * /metrics} of the deployable each query selects, the counter service (on each backend, real
 * redis-server and etcd behind it) or the operator (on the mock API, with a CounterApp reconciled).
 */
class ExportedNamesTest {

    /** Series Prometheus writes itself for every target, not the code. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");

    /** The labels a ServiceMonitor's scrape adds to every series (Prometheus Operator's relabeling). */
    private static final Set<String> TARGET_LABELS =
            Set.of("job", "instance", "namespace", "service", "pod", "container", "endpoint");

    private static final Map<String, Set<String>> counterService = new TreeMap<>();
    private static final Map<String, Set<String>> operator = new TreeMap<>();

    @BeforeAll
    static void scrapeBoth() throws Exception {
        add(counterService, CounterServiceScrape.scrape("memory", Map.of()));
        add(counterService, CounterServiceScrape.scrape("redis", Map.of("REDIS_URL", SharedStores.redis().url())));
        add(counterService, CounterServiceScrape.scrape("etcd", Map.of("ETCD_ENDPOINTS", SharedStores.etcd().endpoints())));
        add(operator, OperatorScrape.scrape());
        for (String name : FROM_PROMETHEUS) {
            counterService.put(name, Set.of());
            operator.put(name, Set.of());
        }
    }

    @Test
    void everyDashboardQueryNamesAnExportedMetric() {
        assertAllExported(DashboardQueries.all());
    }

    @Test
    void everyAlertRuleNamesAnExportedMetric() {
        assertAllExported(RuleFiles.all().stream().map(RuleFiles.Rule::query).toList());
    }

    private static void add(Map<String, Set<String>> exported, String exposition) {
        Exposition.labelsByName(exposition)
                .forEach((name, labels) -> exported.computeIfAbsent(name, n -> new TreeSet<>()).addAll(labels));
    }

    /**
     * The operator's series are the ones selected by its job or by its per-app labels; every other
     * query selects the counter pods. Checking each against its own scrape keeps a name the other
     * deployable happens to export (jvm_*, process_*) from passing for the wrong one.
     */
    private static boolean selectsTheOperator(Query query) {
        return query.expr().contains("job=\"counter-operator-metrics\"")
                || query.expr().contains("counterapp_namespace=");
    }

    private static void assertAllExported(List<Query> queries) {
        assertThat(queries).isNotEmpty();
        SortedMap<String, Set<String>> missing = new TreeMap<>();
        for (Query query : queries) {
            Set<String> names = PromQlNames.of(query.expr());
            assertThat(names).as("%s names no metric: %s", query, query.expr()).isNotEmpty();
            boolean ofOperator = selectsTheOperator(query);
            Map<String, Set<String>> exported = ofOperator ? operator : counterService;
            String deployable = " (" + (ofOperator ? "operator" : "counter service") + ")";
            for (String name : names) {
                if (!exported.containsKey(name)) {
                    missing.computeIfAbsent(name + deployable, n -> new TreeSet<>()).add(query.source());
                }
            }
            for (PromQlNames.LabelUse use : PromQlNames.labelUses(query.expr())) {
                Set<String> present = new HashSet<>(use.metrics());
                present.retainAll(exported.keySet());
                // a missing metric is reported as such; its labels cannot be checked
                boolean carried =
                        present.isEmpty()
                                || TARGET_LABELS.contains(use.label())
                                || present.stream().anyMatch(m -> exported.get(m).contains(use.label()));
                if (!carried) {
                    missing.computeIfAbsent(
                                    "label " + use.label() + " of " + String.join(", ", new TreeSet<>(present)) + deployable,
                                    n -> new TreeSet<>())
                            .add(query.source());
                }
            }
        }
        if (!missing.isEmpty()) {
            fail(
                    missing.size()
                            + " metric name(s) or label(s) queried that the scraped /metrics do not export:\n"
                            + missing.entrySet().stream()
                                    .map(e -> "  " + e.getKey() + "\n      used by "
                                            + String.join("\n      used by ", e.getValue()))
                                    .collect(Collectors.joining("\n")));
        }
    }
}
