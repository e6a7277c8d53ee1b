package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Lets node drains evict one etcd member at a time, so a three- or five-member cluster keeps its
 * quorum through maintenance.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.ETCD_SELECTOR))
public class EtcdDisruptionBudgetDependent extends CounterAppDependent<PodDisruptionBudget> {

    public EtcdDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.etcd(app);
    }

    @Override
    protected PodDisruptionBudget desired(CounterApp app, Context<CounterApp> context) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.ETCD))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(Labels.selector(app, Part.ETCD))
                .endSelector()
                .endSpec()
                .build();
    }
}
