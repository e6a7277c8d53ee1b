package dev.counter.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The binaries scripts/build-control-plane.sh puts in its cache: Kubernetes {@value #K8S_VERSION}
 * and KWOK {@value #KWOK_VERSION}, with the stage definitions KWOK needs to simulate pods.
 */
public record ControlPlaneBinaries(Path cache) {

    public static final String K8S_VERSION = "1.34.4";
    public static final String KWOK_VERSION = "0.8.0";

    /** The cache named by {@code counter.e2e.cache} (the Maven build sets it), complete. */
    public static ControlPlaneBinaries fromCache() {
        String configured = System.getProperty("counter.e2e.cache");
        Path cache =
                configured != null
                        ? Path.of(configured)
                        : Path.of(System.getProperty("user.home"), ".cache/counter-operator/e2e");
        var binaries = new ControlPlaneBinaries(cache);
        if (!Files.exists(cache.resolve(".complete-" + K8S_VERSION + "-" + KWOK_VERSION))) {
            throw new IllegalStateException(
                    "no complete control-plane cache in "
                            + cache
                            + ": run scripts/build-control-plane.sh (make e2e and make test run it;"
                            + " the first build takes about 20 minutes)");
        }
        return binaries;
    }

    private Path k8s(String name) {
        return cache.resolve("k8s/" + K8S_VERSION + "-linux-amd64/" + name);
    }

    public String kubeApiserver() {
        return k8s("kube-apiserver").toString();
    }

    public String kubeControllerManager() {
        return k8s("kube-controller-manager").toString();
    }

    public String kubeScheduler() {
        return k8s("kube-scheduler").toString();
    }

    public String kubectl() {
        return k8s("kubectl").toString();
    }

    public String kwok() {
        return cache.resolve("kwok-" + KWOK_VERSION + "/kwok").toString();
    }

    public Path kwokStages() {
        return cache.resolve("kwok-" + KWOK_VERSION + "/stages.yaml");
    }
}
