package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Metadata of an object owned by a CounterApp: name, namespace, labels, owner reference. */
public final class OwnedMetadata {

    private OwnedMetadata() {}

    /** An object of the counter server itself. */
    public static ObjectMeta of(CounterApp app, String name) {
        return of(app, name, Part.COUNTER);
    }

    public static ObjectMeta of(CounterApp app, String name, Part part) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(app.getMetadata().getNamespace())
                .withLabels(Labels.of(app, part))
                .withOwnerReferences(controllerReference(app))
                .build();
    }

    /**
     * A cluster-scoped object (a PersistentVolume): a namespaced owner is invalid there,
     * Kubernetes' garbage collector would never act on it. JOSDK marks it with annotations naming
     * the CounterApp instead, and deletes it when the CounterApp goes (the operator's finalizer).
     */
    public static ObjectMeta clusterScoped(CounterApp app, String name, Part part) {
        return new ObjectMetaBuilder().withName(name).withLabels(Labels.of(app, part)).build();
    }

    /**
     * JOSDK would add a plain owner reference by itself; marking the CounterApp as the controller
     * tells users ({@code kubectl describe}: "Controlled By") and other controllers who manages the
     * object. Garbage collection removes the object when the CounterApp is deleted.
     */
    public static OwnerReference controllerReference(CounterApp app) {
        return new OwnerReferenceBuilder()
                .withApiVersion(app.getApiVersion())
                .withKind(app.getKind())
                .withName(app.getMetadata().getName())
                .withUid(app.getMetadata().getUid())
                .withController(true)
                .build();
    }
}
