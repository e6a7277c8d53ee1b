package dev.counter.operator.testing;

import dev.counter.operator.workload.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every object the operator may make for one CounterApp, found by its instance label, as {@code
 * Kind/name}: the tests compare this against the exact set they expect.
 */
public final class ClusterObjects {

    private ClusterObjects() {}

    public static Set<String> of(KubernetesClient client, String instance) {
        String selector = Labels.INSTANCE + "=" + instance;
        var ns = CounterApps.NAMESPACE;
        Stream<HasMetadata> namespaced =
                Stream.of(
                                client.configMaps()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems(),
                                client.secrets()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems(),
                                client.services()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems(),
                                client.apps()
                                        .deployments()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems(),
                                client.apps()
                                        .statefulSets()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems(),
                                client.persistentVolumeClaims()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems(),
                                client.batch()
                                        .v1()
                                        .cronjobs()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems(),
                                client.policy()
                                        .v1()
                                        .podDisruptionBudget()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems(),
                                client.network()
                                        .v1()
                                        .ingresses()
                                        .inNamespace(ns)
                                        .withLabelSelector(selector)
                                        .list()
                                        .getItems())
                        .flatMap(List::stream)
                        .map(HasMetadata.class::cast);
        Stream<HasMetadata> clusterScoped =
                client.persistentVolumes().withLabelSelector(selector).list().getItems().stream()
                        .map(HasMetadata.class::cast);
        var names = new TreeSet<String>();
        Stream.concat(namespaced, clusterScoped)
                .forEach(o -> names.add(o.getKind() + "/" + o.getMetadata().getName()));
        return names;
    }

    /** The objects of the counter server itself, which every CounterApp has. */
    public static Set<String> counter(String name) {
        return Set.of("ConfigMap/" + name + "-config", "Deployment/" + name, "Service/" + name);
    }

    /** The expected set: the counter's objects plus {@code more}. */
    public static Set<String> counterAnd(String name, String... more) {
        var all = new TreeSet<>(counter(name));
        all.addAll(List.of(more));
        return all;
    }
}
