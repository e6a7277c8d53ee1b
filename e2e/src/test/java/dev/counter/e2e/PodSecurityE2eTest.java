package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Check 7: in a namespace that enforces the restricted Pod Security profile, every pod the operator
 * makes is admitted except the bundled NFS server's (privileged, as documented), and the CounterApp
 * says so: Degraded and Snapshots carry the Deployment's own refusal, with an Event.
 */
@Order(5)
@ExtendWith(E2eCluster.class)
class PodSecurityE2eTest {

    private static final String NS = "restricted";
    private static final String NFS_SERVER = "counter-etcd-nfs";

    @BeforeAll
    static void samplesInARestrictedNamespace() {
        Cluster.createNamespace(NS, Map.of("pod-security.kubernetes.io/enforce", "restricted"));
        SamplesE2eTest.applyAll(NS);
    }

    @Test
    void everyPodButTheBundledNfsServersIsAdmitted() {
        SamplesE2eTest.SAMPLES.values().forEach(name -> Cluster.awaitReady(NS, name));
        for (Deployment deployment :
                Cluster.client().apps().deployments().inNamespace(NS).list().getItems()) {
            if (deployment.getMetadata().getName().equals(NFS_SERVER)) {
                continue;
            }
            assertThat(deployment.getStatus().getReadyReplicas())
                    .as("ready pods of Deployment %s", deployment.getMetadata().getName())
                    .isEqualTo(deployment.getSpec().getReplicas());
        }
        for (StatefulSet statefulSet :
                Cluster.client().apps().statefulSets().inNamespace(NS).list().getItems()) {
            assertThat(statefulSet.getStatus().getReadyReplicas())
                    .as("ready pods of StatefulSet %s", statefulSet.getMetadata().getName())
                    .isEqualTo(statefulSet.getSpec().getReplicas());
        }
        Deployment operator =
                Cluster.client()
                        .apps()
                        .deployments()
                        .inNamespace(Installation.OPERATOR_NAMESPACE)
                        .withName("counter-operator")
                        .get();
        assertThat(operator.getStatus().getReadyReplicas())
                .as("the operator's own pods, in its restricted namespace")
                .isEqualTo(2);
    }

    @Test
    void theRefusedNfsServerShowsInDegradedSnapshotsAndAnEvent() {
        await("the NFS server Deployment reports the refusal")
                .atMost(Cluster.TIMEOUT)
                .until(() -> replicaFailure().contains("violates PodSecurity"));
        String refusal = replicaFailure();

        Cluster.awaitCondition(NS, "counter-etcd", "Degraded", true);
        Condition degraded = Cluster.condition(NS, "counter-etcd", "Degraded").orElseThrow();
        assertThat(degraded.getReason()).isEqualTo("ReplicaFailure");
        assertThat(degraded.getMessage()).contains(NFS_SERVER, refusal);
        Condition snapshots = Cluster.condition(NS, "counter-etcd", "Snapshots").orElseThrow();
        assertThat(snapshots.isTrue()).isFalse();
        assertThat(snapshots.getReason()).isEqualTo("NfsServerFailed");
        assertThat(snapshots.getMessage()).contains(refusal);
        CounterApp app = Cluster.app(NS, "counter-etcd");
        assertThat(app.getStatus().getPhase()).hasToString("Degraded");
        assertThat(E2eCluster.kubectl().run("get", "counterapp", "counter-etcd", "-n", NS))
                .containsPattern("counter-etcd\\s+etcd\\s+3\\s+\\d+\\s+Degraded\\s+ReplicaFailure");

        await("a Warning Event about the refusal")
                .atMost(Cluster.TIMEOUT)
                .until(
                        () ->
                                Cluster.client()
                                        .v1()
                                        .events()
                                        .inNamespace(NS)
                                        .list()
                                        .getItems()
                                        .stream()
                                        .anyMatch(
                                                e ->
                                                        e.getInvolvedObject()
                                                                        .getName()
                                                                        .equals("counter-etcd")
                                                                && e.getInvolvedObject()
                                                                        .getKind()
                                                                        .equals("CounterApp")
                                                                && e.getType().equals("Warning")
                                                                && e.getMessage()
                                                                        .contains(refusal)));
    }

    private static String replicaFailure() {
        Deployment nfs =
                Cluster.client().apps().deployments().inNamespace(NS).withName(NFS_SERVER).get();
        if (nfs == null || nfs.getStatus() == null || nfs.getStatus().getConditions() == null) {
            return "";
        }
        return nfs.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("ReplicaFailure") && c.getStatus().equals("True"))
                .map(c -> c.getMessage())
                .findFirst()
                .orElse("");
    }
}
