package dev.counter.operator.monitoring;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Names;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroupBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The rule groups of a CounterApp's PrometheusRule: {@code counterapp-rules.yaml} with its tokens
 * replaced by the app's label matchers. The tokens are replaced in the parsed rules, not in the
 * text, so the quotes of the matchers cannot break the YAML.
 */
public final class AlertRules {

    public static final String RESOURCE = "counterapp-rules.yaml";
    public static final String SELECTOR = "__SELECTOR__";
    public static final String APP_SELECTOR = "__APP_SELECTOR__";

    /** Parsed once: every reconcile builds the desired rule, and YAML parsing is slow. */
    private static final List<RuleGroup> TEMPLATE = List.copyOf(template());

    private AlertRules() {}

    /** The groups for one CounterApp, copies of the file's: callers may keep or change them. */
    public static List<RuleGroup> of(CounterApp app) {
        return render(
                app,
                TEMPLATE.stream()
                        .map(group -> new RuleGroupBuilder(group).build())
                        .collect(Collectors.toCollection(ArrayList::new)));
    }

    /** Replaces the tokens in {@code groups}, in place. */
    static List<RuleGroup> render(CounterApp app, List<RuleGroup> groups) {
        String selector =
                "namespace=\"%s\",service=\"%s\""
                        .formatted(app.getMetadata().getNamespace(), Names.workload(app));
        String appSelector =
                "%s=\"%s\",%s=\"%s\""
                        .formatted(
                                CounterAppMetrics.NAMESPACE_TAG,
                                app.getMetadata().getNamespace(),
                                CounterAppMetrics.NAME_TAG,
                                app.getMetadata().getName());
        UnaryOperator<String> substitute =
                text ->
                        text == null
                                ? null
                                : text.replace(APP_SELECTOR, appSelector)
                                        .replace(SELECTOR, selector);
        groups.forEach(group -> group.getRules().forEach(rule -> substitute(rule, substitute)));
        return groups;
    }

    /** The groups as the file has them, tokens and all, freshly parsed. */
    public static List<RuleGroup> template() {
        try (InputStream in = AlertRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the operator's jar");
            }
            return Serialization.unmarshal(in, new TypeReference<List<RuleGroup>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static void substitute(Rule rule, UnaryOperator<String> substitute) {
        // an expression may be a bare number (int-or-string in the CRD): nothing to replace there
        if (rule.getExpr() != null && rule.getExpr().getStrVal() != null) {
            rule.setExpr(new IntOrString(substitute.apply(rule.getExpr().getStrVal())));
        }
        rule.setLabels(substituteValues(rule.getLabels(), substitute));
        rule.setAnnotations(substituteValues(rule.getAnnotations(), substitute));
    }

    private static Map<String, String> substituteValues(
            Map<String, String> values, UnaryOperator<String> substitute) {
        if (values == null) {
            return null;
        }
        var substituted = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> substituted.put(key, substitute.apply(value)));
        return substituted;
    }
}
