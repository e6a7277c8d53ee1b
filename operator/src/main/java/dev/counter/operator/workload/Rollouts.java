package dev.counter.operator.workload;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.List;

/** How counter pods are replaced and stopped so that a rollout answers no request with an error. */
public final class Rollouts {

    /**
     * Endpoints, kube-proxy and ingress controllers drop a terminating pod a few seconds after it
     * is marked; the service answers 503 from its SIGTERM on, so the signal must come later than
     * that.
     */
    public static final int PRE_STOP_PAUSE_SECONDS = 10;

    /** The pause, then the service's own drain: Kubernetes' default of 30 s covers both. */
    public static final long TERMINATION_GRACE_SECONDS = 30;

    private Rollouts() {}

    /**
     * A memory counter lives in its pod: a surge pod would be a second counter answering from zero,
     * so the old pod goes first. Shared backends surge one pod and keep every ready pod until it is
     * replaced. The rolling parameters are stated, not left to the API server's defaults: a default
     * nobody owns would stay behind on a switch to Recreate, which forbids them.
     */
    public static DeploymentStrategy strategy(CounterApp app) {
        if (app.getSpec().getBackend() == Backend.MEMORY) {
            return new DeploymentStrategyBuilder().withType("Recreate").build();
        }
        return new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .build();
    }

    /** {@code sleep} of the image's base system: no API-server feature gate needed. */
    public static Lifecycle preStopPause() {
        return new LifecycleBuilder()
                .withNewPreStop()
                .withNewExec()
                .withCommand(List.of("sleep", String.valueOf(PRE_STOP_PAUSE_SECONDS)))
                .endExec()
                .endPreStop()
                .build();
    }
}
