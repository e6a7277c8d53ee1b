package dev.counter.operator.workload;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/** Security settings that satisfy the "restricted" Pod Security Standard. */
public final class PodSecurity {

  /**
   * A fixed non-root UID: runAsNonRoot alone fails for images whose USER is a name, because the
   * kubelet cannot prove a name is not root.
   */
  public static final long NON_ROOT_UID = 10001L;

  private static final String RUNTIME_DEFAULT = "RuntimeDefault";

  private PodSecurity() {}

  public static PodSecurityContext restrictedPod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(NON_ROOT_UID)
        .withRunAsGroup(NON_ROOT_UID)
        .withNewSeccompProfile()
        .withType(RUNTIME_DEFAULT)
        .endSeccompProfile()
        .build();
  }

  public static SecurityContext restrictedContainer() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType(RUNTIME_DEFAULT)
        .endSeccompProfile()
        .build();
  }
}
