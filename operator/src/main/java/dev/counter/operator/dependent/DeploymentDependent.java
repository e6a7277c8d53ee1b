package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.CounterContainer;
import dev.counter.operator.workload.CounterImage;
import dev.counter.operator.workload.CounterEnvironment;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.PodSecurity;
import dev.counter.operator.workload.Rollouts;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Map;

/** The counter pods. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.COUNTER_SELECTOR))
public class DeploymentDependent extends CounterAppDependent<Deployment> {

    /** Pod-template annotation whose change makes the Deployment roll the pods. */
    public static final String CONFIG_HASH_ANNOTATION = "counter.dev/config-hash";

    public DeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.workload(app);
    }

    @Override
    protected Deployment desired(CounterApp app, Context<CounterApp> context) {
        return desired(app, CounterImage.defaultIn(context));
    }

    /**
     * @param defaultImage the installation's counter-app image, for a spec that names none
     */
    Deployment desired(CounterApp app, String defaultImage) {
        String configHash = CounterEnvironment.hash(CounterEnvironment.of(app));
        return new DeploymentBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app)))
                .withNewSpec()
                .withReplicas(app.getSpec().getReplicas())
                .withStrategy(Rollouts.strategy(app))
                .withNewSelector()
                .withMatchLabels(Labels.counterSelector(app))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.counter(app))
                .withAnnotations(Map.of(CONFIG_HASH_ANNOTATION, configHash))
                .endMetadata()
                .withNewSpec()
                // the counter never talks to the Kubernetes API
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.restrictedPod())
                .withTerminationGracePeriodSeconds(Rollouts.TERMINATION_GRACE_SECONDS)
                .withContainers(CounterContainer.of(app, defaultImage))
                .withVolumes(CounterContainer.tmpVolume())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
