package dev.counter.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Both rule files have the shape of a PrometheusRule's groups (what the Prometheus Operator's CRD
 * and Prometheus accept), every alert carries what on-call needs, and its runbook section exists.
 */
class RuleFilesTest {

    /** The pattern of Prometheus' duration (the PrometheusRule CRD validates {@code for} with it). */
    private static final Pattern DURATION =
            Pattern.compile("0|(?=\\d)(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");

    private static final Set<String> GROUP_FIELDS =
            Set.of("name", "interval", "rules", "limit", "query_offset", "labels", "partial_response_strategy");
    private static final Set<String> RULE_FIELDS =
            Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Set<String> REQUIRED_ANNOTATIONS = Set.of("summary", "description", "runbook");
    private static final Pattern RUNBOOK = Pattern.compile("docs/runbooks\\.md#([a-z0-9-]+)");

    @Test
    void theOperatorRuleIsAPrometheusRule() {
        Map<String, Object> rule = RuleFiles.operatorRule();
        assertThat(rule).containsEntry("apiVersion", "monitoring.coreos.com/v1").containsEntry("kind", "PrometheusRule");
        assertThat(rule.get("metadata")).asInstanceOf(MAP)
                .containsKeys("name", "namespace");
        assertThat(groupProblems(RuleFiles.operatorGroups())).isEmpty();
    }

    @Test
    void thePerAppRulesAreTheGroupsOfAPrometheusRule() {
        assertThat(groupProblems(RuleFiles.appGroups())).isEmpty();
    }

    @Test
    void everyRuleIsAnAlertWithSeveritySummaryDescriptionAndRunbook() {
        List<String> problems = new ArrayList<>();
        for (RuleFiles.Rule rule : RuleFiles.all()) {
            Map<String, Object> fields = rule.fields();
            if (!fields.containsKey("alert")) {
                problems.add(rule.name() + ": not an alert");
                continue;
            }
            Object severity = map(fields.get("labels")).get("severity");
            if (!SEVERITIES.contains(severity)) {
                problems.add(rule.name() + ": severity " + severity + ", expected one of " + SEVERITIES);
            }
            Set<String> missing = new HashSet<>(REQUIRED_ANNOTATIONS);
            missing.removeAll(map(fields.get("annotations")).keySet());
            if (!missing.isEmpty()) {
                problems.add(rule.name() + ": no " + missing);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void alertNamesAreUniqueAcrossBothFiles() {
        List<String> names = RuleFiles.all().stream().map(RuleFiles.Rule::name).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void everyRunbookLinkIsASectionOfDocsRunbooks() {
        Set<String> anchors = markdownAnchors(MonitoringFiles.read(MonitoringFiles.RUNBOOKS));
        for (RuleFiles.Rule rule : RuleFiles.all()) {
            String runbook = String.valueOf(map(rule.fields().get("annotations")).get("runbook"));
            Matcher m = RUNBOOK.matcher(runbook);
            assertThat(m.matches()).as("%s: runbook %s is docs/runbooks.md#<anchor>", rule.name(), runbook).isTrue();
            assertThat(anchors).as("%s: the section of %s", rule.name(), runbook).contains(m.group(1));
        }
    }

    @Test
    void theAppRulesSelectThroughThePlaceholdersOnly() {
        for (RuleFiles.Rule rule : RuleFiles.all()) {
            String expr = String.valueOf(rule.fields().get("expr"));
            boolean perApp = rule.file().equals(MonitoringFiles.APP_RULES);
            assertThat(expr.contains("__SELECTOR__") || expr.contains("__APP_SELECTOR__"))
                    .as("%s: selects its app through a placeholder", rule.name())
                    .isEqualTo(perApp);
            assertThat(rule.query().expr()).as(rule.name()).doesNotContain("__SELECTOR__", "__APP_SELECTOR__");
        }
    }

    @Test
    void theLexerReadsEveryExpressionOfRulesAndDashboard() {
        List<Query> queries = new ArrayList<>(DashboardQueries.all());
        RuleFiles.all().forEach(rule -> queries.add(rule.query()));
        assertThat(queries)
                .allSatisfy(query -> assertThat(PromQlNames.of(query.expr())).as(query.source()).isNotEmpty());
    }

    @Test
    void theDurationPatternIsPrometheus() {
        assertThat(List.of("0", "5m", "1h30m", "90s", "1d", "500ms", "2w")).allMatch(d -> DURATION.matcher(d).matches());
        assertThat(List.of("", "5", "5 m", "m", "1.5m", "5min", "30m1h")).noneMatch(d -> DURATION.matcher(d).matches());
    }

    private static List<String> groupProblems(List<Map<String, Object>> groups) {
        List<String> problems = new ArrayList<>();
        if (groups == null || groups.isEmpty()) {
            return List.of("no groups");
        }
        Set<String> groupNames = new HashSet<>();
        for (Map<String, Object> group : groups) {
            String name = String.valueOf(group.get("name"));
            unknown("group " + name, group.keySet(), GROUP_FIELDS, problems);
            if (!(group.get("name") instanceof String) || !groupNames.add(name)) {
                problems.add("group " + name + ": a name, unique in the file");
            }
            Object rules = group.get("rules");
            if (!(rules instanceof List<?> list) || list.isEmpty()) {
                problems.add("group " + name + ": no rules");
                continue;
            }
            for (Object rule : list) {
                ruleProblems(name, map(rule), problems);
            }
        }
        return problems;
    }

    private static void ruleProblems(String group, Map<String, Object> rule, List<String> problems) {
        String where = group + "/" + rule.getOrDefault("alert", rule.get("record"));
        unknown(where, rule.keySet(), RULE_FIELDS, problems);
        if (rule.containsKey("alert") == rule.containsKey("record")) {
            problems.add(where + ": exactly one of alert and record");
        }
        if (!(rule.get("expr") instanceof String expr) || expr.isBlank()) {
            problems.add(where + ": expr is not a PromQL string");
        }
        for (String duration : List.of("for", "keep_firing_for")) {
            Object value = rule.get(duration);
            if (value != null && !(value instanceof String s && DURATION.matcher(s).matches())) {
                problems.add(where + ": " + duration + " " + value + " is not a Prometheus duration");
            }
        }
        for (String strings : List.of("labels", "annotations")) {
            Object value = rule.get(strings);
            if (value != null && !(value instanceof Map<?, ?> m && m.values().stream().allMatch(String.class::isInstance))) {
                problems.add(where + ": " + strings + " is not a map of strings: " + value);
            }
        }
    }

    private static void unknown(String where, Set<String> fields, Set<String> known, List<String> problems) {
        Set<String> unknown = fields.stream().filter(f -> !known.contains(f)).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            problems.add(where + ": unknown field(s) " + unknown);
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> markdownAnchors(String markdown) {
        return markdown.lines()
                .filter(line -> line.matches("#{1,6} .*"))
                .map(line -> line.replaceFirst("#+ ", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
