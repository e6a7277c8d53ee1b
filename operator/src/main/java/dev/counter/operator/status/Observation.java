package dev.counter.operator.status;

import dev.counter.operator.validation.Violation;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile saw and decided, from which the status is computed.
 *
 * @param violations broken spec rules; non-empty means nothing was changed in the cluster
 * @param deployment the counter Deployment as cached
 * @param service the counter Service as cached
 * @param failure why applying the desired state failed, if it did
 */
public record Observation(
    List<Violation> violations,
    Optional<Deployment> deployment,
    Optional<Service> service,
    Optional<String> failure) {

  public static Observation of(
      List<Violation> violations, Optional<Deployment> deployment, Optional<Service> service) {
    return new Observation(violations, deployment, service, Optional.empty());
  }

  public Observation withFailure(String message) {
    return new Observation(violations, deployment, service, Optional.of(message));
  }
}
