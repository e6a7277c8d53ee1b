package dev.counter.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroupBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    @Test
    void theFileIsAListOfNamedGroupsOfAlertsWithExpressionsAndRunbooks() {
        List<RuleGroup> groups = AlertRules.template();
        assertThat(groups).isNotEmpty();
        assertThat(groups).extracting(RuleGroup::getName).doesNotContainNull().doesNotHaveDuplicates();
        List<Rule> rules = groups.stream().flatMap(g -> g.getRules().stream()).toList();
        assertThat(rules)
                .isNotEmpty()
                .allSatisfy(
                        rule -> {
                            assertThat(rule.getExpr().getStrVal()).isNotBlank();
                            if (rule.getAlert() != null) {
                                assertThat(rule.getLabels()).containsKey("severity");
                                assertThat(rule.getAnnotations())
                                        .containsKeys("summary", "description");
                            }
                        });
        assertThat(rules)
                .as("each alert is about one app: its expression names it")
                .filteredOn(rule -> rule.getAlert() != null)
                .allSatisfy(
                        rule ->
                                assertThat(rule.getExpr().getStrVal())
                                        .containsAnyOf(
                                                AlertRules.SELECTOR, AlertRules.APP_SELECTOR));
    }

    @Test
    void theFilesTokensAreAllReplaced() {
        String rendered = text(AlertRules.of(CounterApps.stored("hits", Backend.REDIS)));
        assertThat(rendered)
                .doesNotContain(AlertRules.SELECTOR, AlertRules.APP_SELECTOR)
                .contains("namespace=\"counters\",service=\"hits\"");
    }

    @Test
    void bothTokensBecomeTheAppsMatchersInExpressionsLabelsAndAnnotations() {
        var rule =
                new RuleBuilder()
                        .withAlert("Both")
                        .withExpr(
                                new IntOrString(
                                        "counter_store_up{__SELECTOR__} == 0 and"
                                                + " counter_operator_counterapp_ready{__APP_SELECTOR__}"
                                                + " == 1"))
                        .withLabels(Map.of("scope", "__APP_SELECTOR__"))
                        .withAnnotations(Map.of("summary", "pods of {__SELECTOR__}"))
                        .build();
        var bare = new RuleBuilder().withRecord("one").withExpr(new IntOrString(1)).build();
        var groups =
                new ArrayList<>(
                        List.of(
                                new RuleGroupBuilder()
                                        .withName("g")
                                        .withRules(rule, bare)
                                        .build()));

        Rule rendered =
                AlertRules.render(CounterApps.stored("hits", Backend.REDIS), groups)
                        .get(0)
                        .getRules()
                        .get(0);
        assertThat(rendered.getExpr().getStrVal())
                .isEqualTo(
                        "counter_store_up{namespace=\"counters\",service=\"hits\"} == 0 and"
                            + " counter_operator_counterapp_ready{counterapp_namespace=\"counters\","
                            + "counterapp=\"hits\"} == 1");
        assertThat(rendered.getLabels())
                .containsEntry("scope", "counterapp_namespace=\"counters\",counterapp=\"hits\"");
        assertThat(rendered.getAnnotations())
                .containsEntry("summary", "pods of {namespace=\"counters\",service=\"hits\"}");
        assertThat(groups.get(0).getRules().get(1).getExpr().getIntVal()).isEqualTo(1);
    }

    @Test
    void eachCallCopiesTheFilesRulesSoOneAppsNeverLeakIntoAnothers() {
        String first = text(AlertRules.of(CounterApps.stored("a", Backend.REDIS)));
        String second = text(AlertRules.of(CounterApps.stored("b", Backend.REDIS)));
        assertThat(first).contains("service=\"a\"").doesNotContain("service=\"b\"");
        assertThat(second).contains("service=\"b\"").doesNotContain("service=\"a\"");
    }

    /** Every expression, label and annotation value, one a line. */
    private static String text(List<RuleGroup> groups) {
        return groups.stream()
                .flatMap(group -> group.getRules().stream())
                .flatMap(
                        rule ->
                                Stream.of(
                                                Stream.of(rule.getExpr().getStrVal()),
                                                values(rule.getLabels()),
                                                values(rule.getAnnotations()))
                                        .flatMap(s -> s))
                .collect(Collectors.joining("\n"));
    }

    private static Stream<String> values(Map<String, String> map) {
        return map == null ? Stream.empty() : map.values().stream();
    }
}
