package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.BackendServices;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.Part;
import dev.counter.operator.workload.RedisConnection;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Service the counter pods reach the operator-run Redis through. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.REDIS_SELECTOR))
public class RedisServiceDependent extends CounterAppDependent<Service> {

    public RedisServiceDependent() {
        super(Service.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.redis(app);
    }

    @Override
    protected Service desired(CounterApp app, Context<CounterApp> context) {
        return BackendServices.clusterIp(
                app,
                name(app),
                Part.REDIS,
                BackendServices.port(RedisConnection.PORT_NAME, RedisConnection.PORT));
    }
}
