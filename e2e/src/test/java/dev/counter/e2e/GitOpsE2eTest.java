package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Check 4: server-side apply shares objects. A field another manager set on the counter Deployment
 * survives the operator's next apply; a field the operator owns, changed by someone else, is put
 * back.
 */
@Order(3)
@ExtendWith(E2eCluster.class)
class GitOpsE2eTest {

    private static final String NS = "gitops";
    private static final String APP = "counter-memory";

    @BeforeAll
    static void memorySample() {
        Cluster.createNamespace(NS, Map.of());
        assertThat(Cluster.applySample("memory.yaml", NS).exitCode()).isZero();
        Cluster.awaitReady(NS, APP);
    }

    @Test
    void anotherManagersLabelSurvivesAndTheOperatorsReplicasArePutBack() {
        E2eCluster.kubectl().run("label", "deployment", APP, "-n", NS, "team=payments");
        E2eCluster.kubectl()
                .run("annotate", "deployment", APP, "-n", NS, "gitops.example/synced=yes");
        String hashBefore = configHash();

        // a spec change makes the operator apply a new Deployment
        E2eCluster.kubectl()
                .run(
                        "patch",
                        "counterapp",
                        APP,
                        "-n",
                        NS,
                        "--type",
                        "merge",
                        "-p",
                        "{\"spec\":{\"strategy\":\"lock\"}}");
        await("the operator applied the new configuration")
                .atMost(Cluster.TIMEOUT)
                .until(() -> !configHash().equals(hashBefore));
        Deployment applied = deployment();
        assertThat(applied.getMetadata().getLabels()).containsEntry("team", "payments");
        assertThat(applied.getMetadata().getAnnotations())
                .containsEntry("gitops.example/synced", "yes");

        // replicas belong to the operator (from spec.replicas): a manual scale is undone
        E2eCluster.kubectl().run("scale", "deployment", APP, "-n", NS, "--replicas=3");
        await("the operator restored replicas 1")
                .atMost(Cluster.TIMEOUT)
                .until(() -> deployment().getSpec().getReplicas() == 1);
        assertThat(deployment().getMetadata().getLabels()).containsEntry("team", "payments");
    }

    private static Deployment deployment() {
        return Cluster.client().apps().deployments().inNamespace(NS).withName(APP).get();
    }

    private static String configHash() {
        return deployment()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("counter.dev/config-hash");
    }
}
