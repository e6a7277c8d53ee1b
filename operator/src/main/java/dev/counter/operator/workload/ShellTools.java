package dev.counter.operator.workload;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * A POSIX shell for containers whose image has none. The etcd 3.5 image is distroless: etcdctl, but
 * no sh, ls or rm. An init container copies the static busybox binary into an emptyDir and links
 * its applets there; the scripts then run in the etcd image with {@code /tools} on the PATH.
 */
public final class ShellTools {

    public static final String INSTALLER_NAME = "install-shell-tools";
    static final String VOLUME = "shell-tools";
    static final String DIR = "/tools";

    /** etcd's own binaries first, so no busybox applet can shadow them. */
    static final String PATH = "/usr/local/bin:" + DIR;

    private ShellTools() {}

    /** The init container that fills {@link #volume()}; it must run before any {@link #command}. */
    public static Container installer() {
        return new ContainerBuilder()
                .withName(INSTALLER_NAME)
                .withImage(BackendImages.BUSYBOX)
                .withCommand(
                        "/bin/busybox",
                        "sh",
                        "-c",
                        "cp /bin/busybox "
                                + DIR
                                + "/busybox && "
                                + DIR
                                + "/busybox --install -s "
                                + DIR)
                .withResources(ContainerResources.HELPER)
                .withSecurityContext(PodSecurity.restrictedContainer())
                .withVolumeMounts(
                        new VolumeMountBuilder().withName(VOLUME).withMountPath(DIR).build())
                .build();
    }

    public static Volume volume() {
        return new VolumeBuilder().withName(VOLUME).withNewEmptyDir().endEmptyDir().build();
    }

    /** Read-only where the tools are used: only the installer writes them. */
    public static VolumeMount mount() {
        return new VolumeMountBuilder()
                .withName(VOLUME)
                .withMountPath(DIR)
                .withReadOnly(true)
                .build();
    }

    public static EnvVar pathVariable() {
        return EnvVars.value("PATH", PATH);
    }

    /** Runs a script with the installed shell. */
    public static List<String> command(String script) {
        return List.of(DIR + "/sh", "-c", script);
    }
}
