package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.CounterContainer;
import dev.counter.operator.workload.CounterImage;
import dev.counter.operator.workload.CounterEnvironment;
import dev.counter.operator.workload.EtcdTls;
import dev.counter.operator.workload.ExternalEtcdSecret;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.PodSecurity;
import dev.counter.operator.workload.Rollouts;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

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
        @SuppressWarnings("unchecked")
        Map<String, String> tlsAnnotations =
                context.managedWorkflowAndDependentResourceContext()
                        .get(ExternalEtcdSecret.ANNOTATIONS_KEY, Map.class)
                        .orElse(Map.of());
        return desired(app, CounterImage.defaultIn(context), tlsAnnotations);
    }

    Deployment desired(CounterApp app, String defaultImage) {
        return desired(app, defaultImage, Map.of());
    }

    /**
     * @param defaultImage the installation's counter-app image, for a spec that names none
     * @param tlsAnnotations the fingerprints of the external etcd TLS Secret ({@link
     *     ExternalEtcdSecret#annotations}), whose change rolls the pods
     */
    Deployment desired(CounterApp app, String defaultImage, Map<String, String> tlsAnnotations) {
        String configHash = CounterEnvironment.hash(CounterEnvironment.of(app));
        var annotations = new TreeMap<String, String>(tlsAnnotations);
        annotations.put(CONFIG_HASH_ANNOTATION, configHash);
        var volumes = new ArrayList<Volume>();
        volumes.add(CounterContainer.tmpVolume());
        EtcdTls.counterSecret(app).map(EtcdTls::volume).ifPresent(volumes::add);
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
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                // the counter never talks to the Kubernetes API
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(
                        EtcdTls.counterSecret(app).isPresent()
                                ? PodSecurity.restrictedPodReadingSecrets()
                                : PodSecurity.restrictedPod())
                .withTerminationGracePeriodSeconds(Rollouts.TERMINATION_GRACE_SECONDS)
                .withContainers(CounterContainer.of(app, defaultImage))
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
