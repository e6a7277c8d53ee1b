package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.EtcdMembersConfig;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.TreeMap;

/**
 * How each etcd member starts ({@link EtcdMembersConfig}). A dependent, so it exists before the
 * members mount it and goes with the managed cluster; it owns only {@code bootstrap}: the
 * {@code bootstrapped} flag and the join entries, written as membership changes, are carried over
 * from the live object, since a dependent's update would otherwise drop them.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.ETCD_SELECTOR))
public class EtcdMembersConfigMapDependent extends CounterAppDependent<ConfigMap> {

    public EtcdMembersConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.etcdMembers(app);
    }

    @Override
    protected ConfigMap desired(CounterApp app, Context<CounterApp> context) {
        var data = new TreeMap<String, String>();
        getSecondaryResource(app, context)
                .map(ConfigMap::getData)
                .ifPresent(data::putAll);
        // the first cluster's list stays once written: it only matters before the cluster formed
        EtcdMembersConfig.bootstrap(app).forEach(data::putIfAbsent);
        return new ConfigMapBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.ETCD))
                .withData(data)
                .build();
    }
}
