package dev.counter.operator.testing;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.Phase;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Objects in the {@link CounterApps#NAMESPACE} as stored now, or {@code null}. */
public final class Lookups {

    private Lookups() {}

    /** The phase the CounterApp reports, or {@code null} while it has no status (or is gone). */
    public static Phase phase(KubernetesClient client, String name) {
        CounterApp app = CounterApps.get(client, name);
        return app == null || app.getStatus() == null ? null : app.getStatus().getPhase();
    }

    public static ConfigMap configMap(KubernetesClient client, String name) {
        return client.configMaps().inNamespace(CounterApps.NAMESPACE).withName(name).get();
    }

    public static Deployment deployment(KubernetesClient client, String name) {
        return client.apps().deployments().inNamespace(CounterApps.NAMESPACE).withName(name).get();
    }

    public static StatefulSet statefulSet(KubernetesClient client, String name) {
        return client.apps().statefulSets().inNamespace(CounterApps.NAMESPACE).withName(name).get();
    }

    public static Service service(KubernetesClient client, String name) {
        return client.services().inNamespace(CounterApps.NAMESPACE).withName(name).get();
    }

    public static PersistentVolumeClaim claim(KubernetesClient client, String name) {
        return client.persistentVolumeClaims()
                .inNamespace(CounterApps.NAMESPACE)
                .withName(name)
                .get();
    }
}
