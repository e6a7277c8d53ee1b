package dev.counter.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One control plane with the operator installed and one operator process running, shared by every
 * e2e test class: started before the first, stopped when the test run ends (JUnit closes the root
 * store's values, also after failures; a shutdown hook covers a killed test JVM).
 *
 * <pre>{@code @ExtendWith(E2eCluster.class)}</pre>
 */
public final class E2eCluster implements BeforeAllCallback {

    private static volatile Running running;

    /** What the extension started; closing stops the operators, then the control plane. */
    static final class Running implements AutoCloseable {
        final ControlPlane plane;
        final Installation installation;
        private final java.util.List<OperatorProcess> operators =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile OperatorProcess operator;
        private final Thread hook = new Thread(this::close, "e2e-stop");

        Running(ControlPlane plane) {
            this.plane = plane;
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                installation = Installation.install(plane);
                operator = startOperator("operator-a");
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        OperatorProcess startOperator(String name) {
            OperatorProcess started = OperatorProcess.start(installation, name);
            operators.add(started);
            return started;
        }

        @Override
        public synchronized void close() {
            operators.forEach(OperatorProcess::close);
            plane.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(
                        Running.class,
                        key ->
                                running =
                                        new Running(
                                                ControlPlane.start(
                                                        ControlPlaneBinaries.fromCache())),
                        Running.class);
    }

    static ControlPlane plane() {
        return running.plane;
    }

    static KubernetesClient client() {
        return running.plane.client();
    }

    static Kubectl kubectl() {
        return running.plane.kubectl();
    }

    static Installation installation() {
        return running.installation;
    }

    /** The operator process that leads now. */
    static OperatorProcess operator() {
        return running.operator;
    }

    /** Another operator process (another replica), stopped with the cluster. */
    static OperatorProcess startOperator(String name) {
        return running.startOperator(name);
    }

    /** After a hand-over: the process that took the Lease is the suite's operator from now on. */
    static void operatorIs(OperatorProcess operator) {
        running.operator = operator;
    }
}
