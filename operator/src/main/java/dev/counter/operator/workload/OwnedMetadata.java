package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Metadata of an object owned by a CounterApp: name, namespace, labels, owner reference. */
public final class OwnedMetadata {

  private OwnedMetadata() {}

  public static ObjectMeta of(CounterApp app, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(Labels.counter(app))
        .withOwnerReferences(controllerReference(app))
        .build();
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
