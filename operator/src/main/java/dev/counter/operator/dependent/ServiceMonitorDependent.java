package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.CounterContainer;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Monitoring;
import dev.counter.operator.workload.Names;
import io.fabric8.openshift.api.model.monitoring.v1.EndpointBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Tells a Prometheus Operator to scrape the counter pods' {@code /metrics} through the counter
 * Service. Its selector is the Service's name and instance labels, which no Redis, etcd or NFS
 * Service carries (each part has its own {@code app.kubernetes.io/name}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.COUNTER_SELECTOR))
public class ServiceMonitorDependent extends CounterAppDependent<ServiceMonitor> {

    public static final String METRICS_PATH = "/metrics";

    public ServiceMonitorDependent() {
        super(ServiceMonitor.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.workload(app);
    }

    @Override
    protected ServiceMonitor desired(CounterApp app, Context<CounterApp> context) {
        return new ServiceMonitorBuilder()
                .withMetadata(Monitoring.metadata(app, name(app)))
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(Labels.counterSelector(app))
                .endSelector()
                .withEndpoints(
                        new EndpointBuilder()
                                .withPort(CounterContainer.HTTP_PORT_NAME)
                                .withPath(METRICS_PATH)
                                .withInterval(Monitoring.interval(app.getSpec()))
                                .build())
                .endSpec()
                .build();
    }
}
