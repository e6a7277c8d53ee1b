package dev.counter.operator.testing;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/** CounterApps for tests. */
public final class CounterApps {

    public static final String NAMESPACE = "counters";

    private CounterApps() {}

    /** A CounterApp as the API server would hand it to the operator (uid, generation set). */
    public static CounterApp stored(String name, Backend backend) {
        var app = newApp(name, backend);
        app.getMetadata()
                .setUid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
        app.getMetadata().setGeneration(1L);
        return app;
    }

    /** A CounterApp to create through the API. */
    public static CounterApp newApp(String name, Backend backend) {
        var app = new CounterApp();
        app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        var spec = new CounterAppSpec();
        spec.setBackend(backend);
        app.setSpec(spec);
        return app;
    }

    /** The CounterApp as stored now, or {@code null}. */
    public static CounterApp get(KubernetesClient client, String name) {
        return client.resources(CounterApp.class).inNamespace(NAMESPACE).withName(name).get();
    }

    /**
     * Changes a stored CounterApp as a user would with {@code kubectl edit}: read, change, write,
     * and again when the operator's status write got in between (409 Conflict).
     */
    public static CounterApp edit(
            KubernetesClient client, String name, Consumer<CounterApp> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.resources(CounterApp.class)
                        .inNamespace(NAMESPACE)
                        .withName(name)
                        .edit(
                                app -> {
                                    change.accept(app);
                                    return app;
                                });
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
