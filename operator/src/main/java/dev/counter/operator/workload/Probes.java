package dev.counter.operator.workload;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/** The counter service's health endpoints as Kubernetes probes. */
public final class Probes {

  public static final String LIVENESS_PATH = "/health";
  public static final String READINESS_PATH = "/ready";

  private Probes() {}

  /** Restarts a pod whose process hangs; tolerant, because a restart loses a memory counter. */
  public static Probe liveness() {
    return httpGet(LIVENESS_PATH, 10, 3);
  }

  /** Takes a pod out of the Service quickly when its backend is unreachable. */
  public static Probe readiness() {
    return httpGet(READINESS_PATH, 5, 2);
  }

  private static Probe httpGet(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(CounterContainer.HTTP_PORT_NAME))
        .withScheme("HTTP")
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(1)
        .withSuccessThreshold(1)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
