package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.EtcdTopology;
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
 * Lets node drains evict etcd members only while a quorum of the cluster stays up: {@code
 * minAvailable} is the quorum of the member count (2 of 3, 3 of 5), so a five-member cluster may lose
 * two members to maintenance, as its quorum allows, and a single member is never evicted
 * voluntarily (it is the whole store).
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
                .withMinAvailable(new IntOrString(EtcdTopology.quorum(EtcdTopology.members(app))))
                .withNewSelector()
                .withMatchLabels(Labels.selector(app, Part.ETCD))
                .endSelector()
                .endSpec()
                .build();
    }
}
