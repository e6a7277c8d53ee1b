package dev.counter.operator.testing;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** The Kubernetes Events recorded about one CounterApp. */
public final class Events {

    private Events() {}

    public static List<Event> about(KubernetesClient client, String name) {
        return client.v1().events().inNamespace(CounterApps.NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .filter(e -> "CounterApp".equals(e.getInvolvedObject().getKind()))
                .toList();
    }

    public static boolean exists(KubernetesClient client, String name, String type, String reason) {
        return about(client, name).stream()
                .anyMatch(e -> type.equals(e.getType()) && reason.equals(e.getReason()));
    }
}
