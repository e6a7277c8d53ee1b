package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;

/** Names of the objects made for a CounterApp, so every dependent and test agrees on them. */
public final class Names {

  private Names() {}

  /** Deployment, Service and Ingress share the CounterApp's name: they are one application. */
  public static String workload(CounterApp app) {
    return app.getMetadata().getName();
  }

  public static String configMap(CounterApp app) {
    return app.getMetadata().getName() + "-config";
  }
}
