package dev.counter.operator.workload;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/** Security settings that satisfy the "restricted" Pod Security Standard, and its one exception. */
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

    /**
     * A restricted pod that writes to persistent volumes: the kubelet gives the volume to the pod's
     * group, or the non-root user could not write to a freshly provisioned (root-owned) volume.
     * Only at the first mount ({@code OnRootMismatch}), so large volumes do not slow every start.
     */
    public static PodSecurityContext restrictedPodWithVolumes() {
        return new PodSecurityContextBuilder(restrictedPod())
                .withFsGroup(NON_ROOT_UID)
                .withFsGroupChangePolicy("OnRootMismatch")
                .build();
    }

    /**
     * A restricted pod that reads files of a Secret volume: the kubelet writes them as root, mode
     * 0400, unless an fsGroup makes them the pod group's (0440), so that the non-root user can read
     * them.
     */
    public static PodSecurityContext restrictedPodReadingSecrets() {
        return new PodSecurityContextBuilder(restrictedPod()).withFsGroup(NON_ROOT_UID).build();
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

    /**
     * The one exception to the restricted profile: the bundled NFS server runs the kernel NFS
     * server, which needs root and privileged mode (it mounts nfsd and registers with the kernel).
     * The namespace must allow the "privileged" Pod Security level for it; an external NFS export
     * avoids it.
     */
    public static SecurityContext privilegedContainer() {
        return new SecurityContextBuilder().withPrivileged(true).build();
    }
}
