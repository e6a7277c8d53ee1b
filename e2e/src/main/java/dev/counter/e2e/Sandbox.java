package dev.counter.e2e;

import java.util.concurrent.CountDownLatch;

/**
 * {@code make sandbox}: the suite's control plane with the operator, for trying the samples without
 * a cluster. Pods are simulated by KWOK: they are scheduled and reported running and ready, but no
 * container runs, so nothing answers HTTP. Ctrl-C stops everything.
 */
public final class Sandbox {

    private Sandbox() {}

    public static void main(String[] args) throws InterruptedException {
        System.err.println(
                "[sandbox] starting etcd, kube-apiserver, controller-manager, scheduler, KWOK");
        ControlPlane plane = ControlPlane.start(ControlPlaneBinaries.fromCache());
        var stopped = new CountDownLatch(1);
        OperatorProcess[] operator = new OperatorProcess[1];
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.err.println("[sandbox] stopping everything it started");
                                    if (operator[0] != null) {
                                        operator[0].close();
                                    }
                                    plane.close();
                                    stopped.countDown();
                                },
                                "sandbox-stop"));
        Installation installation = Installation.install(plane);
        operator[0] = OperatorProcess.start(installation, "counter-operator-sandbox");
        System.out.printf(
                """

The sandbox is up: Kubernetes %s (etcd, kube-apiserver, controller-manager,
scheduler) with one KWOK node, the CRD and RBAC of operator/deploy, and the operator
running here as its ServiceAccount. Pods are simulated by KWOK: they become Running
and Ready, but no container runs, so the counters do not answer requests.

In another terminal:
  export KUBECONFIG=%s
  alias kubectl=%s
  kubectl apply -f samples/memory.yaml
  kubectl get counterapps -w

Ctrl-C stops the operator and the control plane.
""",
                ControlPlaneBinaries.K8S_VERSION,
                plane.kubectl().kubeconfig(),
                plane.binaries().kubectl());
        System.out.flush();
        stopped.await();
    }
}
