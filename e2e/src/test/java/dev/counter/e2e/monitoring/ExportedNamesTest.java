package dev.counter.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.counter.testkit.SharedStores;
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
 * Every metric the dashboard and the alert rules query is one the code exports: the names in
 * their PromQL against the samples of the real {@code /metrics} of the deployable each query
 * selects, the counter service (on each backend, real redis-server and etcd behind it) or the
 * operator (on the mock API, with a CounterApp reconciled).
 */
class ExportedNamesTest {

    /** Series Prometheus writes itself for every target, not the code. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");

    private static final Set<String> counterService = new TreeSet<>(FROM_PROMETHEUS);
    private static final Set<String> operator = new TreeSet<>(FROM_PROMETHEUS);

    @BeforeAll
    static void scrapeBoth() throws Exception {
        counterService.addAll(Exposition.sampleNames(CounterServiceScrape.scrape("memory", Map.of())));
        counterService.addAll(
                Exposition.sampleNames(
                        CounterServiceScrape.scrape("redis", Map.of("REDIS_URL", SharedStores.redis().url()))));
        counterService.addAll(
                Exposition.sampleNames(
                        CounterServiceScrape.scrape(
                                "etcd", Map.of("ETCD_ENDPOINTS", SharedStores.etcd().endpoints()))));
        operator.addAll(Exposition.sampleNames(OperatorScrape.scrape()));
    }

    @Test
    void everyDashboardQueryNamesAnExportedMetric() {
        assertAllExported(DashboardQueries.all());
    }

    @Test
    void everyAlertRuleNamesAnExportedMetric() {
        assertAllExported(RuleFiles.all().stream().map(RuleFiles.Rule::query).toList());
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
            Set<String> exported = ofOperator ? operator : counterService;
            for (String name : names) {
                if (!exported.contains(name)) {
                    String key = name + " (" + (ofOperator ? "operator" : "counter service") + ")";
                    missing.computeIfAbsent(key, n -> new TreeSet<>()).add(query.source());
                }
            }
        }
        if (!missing.isEmpty()) {
            fail(
                    missing.size()
                            + " metric name(s) queried that the scraped /metrics do not export:\n"
                            + missing.entrySet().stream()
                                    .map(e -> "  " + e.getKey() + "\n      used by "
                                            + String.join("\n      used by ", e.getValue()))
                                    .collect(Collectors.joining("\n")));
        }
    }
}
