package dev.counter.e2e;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Path;
import java.util.List;

/**
 * The operator installed as a user installs it: {@code operator/deploy} rendered by the real {@code
 * kubectl kustomize} and applied server-side (CRD, namespace, ServiceAccount, ClusterRole, Role,
 * bindings, the operator's Deployment, whose pods KWOK simulates), plus what a real cluster's
 * provisioner would give: PersistentVolumes for the claims, and the Prometheus Operator's CRDs.
 */
public final class Installation {

    public static final String OPERATOR_NAMESPACE = "counter-operator-system";
    public static final String SERVICE_ACCOUNT = "counter-operator";
    public static final String CRD = "customresourcedefinition/counterapps.counter.dev";

    /**
     * The Prometheus Operator's ServiceMonitor and PrometheusRule CRDs, as released (see the
     * README beside them): the cluster is one a platform team runs, with monitoring installed
     * before the operator starts.
     */
    public static final String MONITORING_CRDS = "e2e/src/main/resources/prometheus-operator-crds";

    /** Enough for every claim the suite's CounterApps make (Retain: a volume serves once). */
    private static final int VOLUMES = 40;

    private final ControlPlane plane;
    private final Path repository;
    private final Path operatorKubeconfig;

    private Installation(ControlPlane plane, Path repository) {
        this.plane = plane;
        this.repository = repository;
        this.operatorKubeconfig = plane.dir().resolve("operator.kubeconfig");
    }

    /** The checkout this code runs from: the Maven build names it. */
    public static Path repository() {
        return Path.of(System.getProperty("counter.repository", ".")).toAbsolutePath().normalize();
    }

    public static Installation install(ControlPlane plane) {
        var installation = new Installation(plane, repository());
        installation.apply();
        return installation;
    }

    private void apply() {
        Kubectl kubectl = plane.kubectl();
        String manifests =
                kubectl.run("kustomize", repository.resolve("operator/deploy").toString());
        kubectl.runWithInput(manifests, "apply", "--server-side", "-f", "-");
        kubectl.run("apply", "--server-side", "-f", repository.resolve(MONITORING_CRDS).toString());
        kubectl.run(
                "wait",
                "--for=condition=Established",
                CRD,
                "customresourcedefinition/servicemonitors.monitoring.coreos.com",
                "customresourcedefinition/prometheusrules.monitoring.coreos.com",
                "--timeout=60s");
        createVolumes();
        String token =
                kubectl.run(
                                "create",
                                "token",
                                SERVICE_ACCOUNT,
                                "-n",
                                OPERATOR_NAMESPACE,
                                "--duration=12h")
                        .trim();
        Kubeconfigs.write(operatorKubeconfig, plane.serverUrl(), token);
    }

    /** hostPath is enough: KWOK pods never mount anything. */
    private void createVolumes() {
        for (int i = 0; i < VOLUMES; i++) {
            plane.client()
                    .persistentVolumes()
                    .resource(
                            new PersistentVolumeBuilder()
                                    .withNewMetadata()
                                    .withName("e2e-volume-%02d".formatted(i))
                                    .endMetadata()
                                    .withNewSpec()
                                    .withCapacity(java.util.Map.of("storage", new Quantity("20Gi")))
                                    .withAccessModes(
                                            List.of(
                                                    "ReadWriteOnce",
                                                    "ReadOnlyMany",
                                                    "ReadWriteMany"))
                                    .withStorageClassName("")
                                    .withPersistentVolumeReclaimPolicy("Retain")
                                    .withNewHostPath()
                                    .withPath("/tmp/e2e-volume-%02d".formatted(i))
                                    .endHostPath()
                                    .endSpec()
                                    .build())
                    .create();
        }
    }

    /** A kubeconfig with a token of the operator's ServiceAccount: what the pod would mount. */
    public Path operatorKubeconfig() {
        return operatorKubeconfig;
    }

    public ControlPlane plane() {
        return plane;
    }
}
