package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.CounterEnvironment;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The counter service's environment (backend, strategy, key). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.COUNTER_SELECTOR))
public class ConfigMapDependent extends CounterAppDependent<ConfigMap> {

    public ConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.configMap(app);
    }

    @Override
    protected ConfigMap desired(CounterApp app, Context<CounterApp> context) {
        return new ConfigMapBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app)))
                .withData(CounterEnvironment.of(app))
                .build();
    }
}
