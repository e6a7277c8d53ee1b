package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What the e2e tests do to the cluster, the way a user would, and how they wait for it. */
final class Cluster {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Cluster() {}

    static KubernetesClient client() {
        return E2eCluster.client();
    }

    static void createNamespace(String name, Map<String, String> labels) {
        client().namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withLabels(labels)
                                .endMetadata()
                                .build())
                .serverSideApply();
    }

    /** {@code kubectl apply --server-side -f samples/<file> -n <namespace>}. */
    static Kubectl.Result applySample(String file, String namespace) {
        return E2eCluster.kubectl()
                .exec(
                        null,
                        "apply",
                        "--server-side",
                        "-n",
                        namespace,
                        "-f",
                        Installation.repository().resolve("samples").resolve(file).toString());
    }

    /** {@code kubectl apply --server-side -n <namespace> -f -} of the given manifest. */
    static Kubectl.Result apply(String namespace, String yaml) {
        return E2eCluster.kubectl().exec(yaml, "apply", "--server-side", "-n", namespace, "-f", "-");
    }

    static CounterApp app(String namespace, String name) {
        return client().resources(CounterApp.class).inNamespace(namespace).withName(name).get();
    }

    static Optional<Condition> condition(String namespace, String name, String type) {
        CounterApp app = app(namespace, name);
        if (app == null || app.getStatus() == null) {
            return Optional.empty();
        }
        return app.getStatus().condition(type);
    }

    static void awaitCondition(String namespace, String name, String type, boolean status) {
        await("%s/%s %s=%s".formatted(namespace, name, type, status))
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                // a timeout names every condition the CounterApp has instead
                .untilAsserted(
                        () ->
                                assertThat(condition(namespace, name, type).map(Condition::isTrue))
                                        .as(() -> "conditions: " + conditions(namespace, name))
                                        .contains(status));
    }

    private static String conditions(String namespace, String name) {
        CounterApp app = app(namespace, name);
        return app == null || app.getStatus() == null
                ? "none (no status)"
                : app.getStatus().getConditions().stream()
                        .map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage())
                        .toList()
                        .toString();
    }

    /** Every object the operator labels as its own in a namespace, and the cluster-scoped ones. */
    static List<HasMetadata> managedObjects(String namespace) {
        var client = client();
        String label = Labels.MANAGED_BY;
        return Stream.<List<? extends HasMetadata>>of(
                        client.configMaps()
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.secrets().inNamespace(namespace).withLabel(label).list().getItems(),
                        client.services().inNamespace(namespace).withLabel(label).list().getItems(),
                        client.apps()
                                .deployments()
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.persistentVolumeClaims()
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.policy()
                                .v1()
                                .podDisruptionBudget()
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.batch()
                                .v1()
                                .cronjobs()
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.network()
                                .v1()
                                .ingresses()
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.resources(ServiceMonitor.class)
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.resources(PrometheusRule.class)
                                .inNamespace(namespace)
                                .withLabel(label)
                                .list()
                                .getItems(),
                        client.persistentVolumes().withLabel(label).list().getItems())
                .<HasMetadata>flatMap(List::stream)
                .toList();
    }

    /** Kind and name; list items carry no kind, so the model class names it. */
    static String describe(HasMetadata object) {
        return object.getClass().getSimpleName()
                + " "
                + (object.getMetadata().getNamespace() == null
                        ? ""
                        : object.getMetadata().getNamespace() + "/")
                + object.getMetadata().getName();
    }

    static void awaitReady(String namespace, String name) {
        awaitCondition(namespace, name, "Ready", true);
    }
}
