package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.IngressSpec;
import dev.counter.operator.workload.CounterContainer;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/**
 * The optional Ingress; the workflow reconciles it only while {@link IngressEnabledCondition} holds
 * and deletes it otherwise.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.COUNTER_SELECTOR))
public class IngressDependent extends CounterAppDependent<Ingress> {

    public IngressDependent() {
        super(Ingress.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.workload(app);
    }

    @Override
    protected Ingress desired(CounterApp app, Context<CounterApp> context) {
        IngressSpec spec = app.getSpec().getIngress();
        var builder =
                new IngressBuilder()
                        .withMetadata(OwnedMetadata.of(app, name(app)))
                        .withNewSpec()
                        .withIngressClassName(spec.getClassName())
                        .addNewRule()
                        .withHost(spec.getHost())
                        .withNewHttp()
                        .addNewPath()
                        .withPath(Objects.requireNonNullElse(spec.getPath(), "/"))
                        .withPathType("Prefix")
                        .withNewBackend()
                        .withNewService()
                        .withName(Names.workload(app))
                        .withNewPort()
                        .withName(CounterContainer.HTTP_PORT_NAME)
                        .endPort()
                        .endService()
                        .endBackend()
                        .endPath()
                        .endHttp()
                        .endRule()
                        .endSpec();
        if (spec.getTlsSecretName() != null && !spec.getTlsSecretName().isBlank()) {
            builder.editSpec()
                    .withTls(
                            new IngressTLSBuilder()
                                    .withHosts(spec.getHost())
                                    .withSecretName(spec.getTlsSecretName())
                                    .build())
                    .endSpec();
        }
        return builder.build();
    }
}
