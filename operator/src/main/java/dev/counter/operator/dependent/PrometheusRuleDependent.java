package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.monitoring.AlertRules;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Monitoring;
import dev.counter.operator.workload.Names;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The counter's alerts ({@link AlertRules}), for the Prometheus that scrapes its ServiceMonitor. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.COUNTER_SELECTOR))
public class PrometheusRuleDependent extends CounterAppDependent<PrometheusRule> {

    public PrometheusRuleDependent() {
        super(PrometheusRule.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.workload(app);
    }

    @Override
    protected PrometheusRule desired(CounterApp app, Context<CounterApp> context) {
        return new PrometheusRuleBuilder()
                .withMetadata(Monitoring.metadata(app, name(app)))
                .withNewSpec()
                .withGroups(AlertRules.of(app))
                .endSpec()
                .build();
    }
}
