package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import dev.counter.operator.workload.PersistentClaims;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The volume of Redis' append-only file. A claim of its own rather than a StatefulSet claim
 * template: templates are immutable, and turning persistence on or off must stay possible. Owned by
 * the CounterApp, so it goes, with the data, when persistence is disabled or the CounterApp
 * deleted.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.REDIS_SELECTOR))
public class RedisDataClaimDependent extends CounterAppDependent<PersistentVolumeClaim> {

    public RedisDataClaimDependent() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.redisData(app);
    }

    @Override
    protected PersistentVolumeClaim desired(CounterApp app, Context<CounterApp> context) {
        return new PersistentVolumeClaimBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.REDIS))
                .withSpec(
                        PersistentClaims.provisioned(
                                Backends.redis(app.getSpec()).getPersistence()))
                .build();
    }
}
