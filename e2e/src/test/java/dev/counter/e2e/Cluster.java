package dev.counter.e2e;

import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
                .until(
                        () ->
                                condition(namespace, name, type)
                                        .filter(c -> c.isTrue() == status)
                                        .isPresent());
    }

    static void awaitReady(String namespace, String name) {
        awaitCondition(namespace, name, "Ready", true);
    }
}
