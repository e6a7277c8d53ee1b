package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.Rollouts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Check 5: spec changes reach the pods' template through the real Deployment controller, a memory
 * counter is replaced without ever running two pods, and deleting a CounterApp removes every child
 * (garbage collection) and the cluster-scoped snapshot PersistentVolume (the operator's finalizer).
 */
@Order(4)
@ExtendWith(E2eCluster.class)
class RolloutE2eTest {

    private static final String NS = "rollout";
    private static final String APP = "counter-memory";

    @BeforeAll
    static void namespace() {
        Cluster.createNamespace(NS, Map.of("pod-security.kubernetes.io/enforce", "privileged"));
        assertThat(Cluster.applySample("memory.yaml", NS).exitCode()).isZero();
        Cluster.awaitReady(NS, APP);
    }

    @Test
    void imageResourcesAndBackendChangesRollOutAndMemoryNeverRunsTwoPods() {
        Deployment created = deployment();
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertPausesBeforeStop(created.getSpec().getTemplate().getSpec());

        var pods = new PodCount();
        try (var informer =
                Cluster.client()
                        .pods()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", APP)
                        .inform(pods)) {
            // one rollout for both: each Recreate waits out the old pod's termination grace
            patch(
                    """
                    {"spec": {"image": "registry.example/counter-app:e2e",
                              "resources": {"requests": {"cpu": "200m", "memory": "192Mi"},
                                            "limits": {"cpu": "2", "memory": "384Mi"}}}}
                    """);
            awaitRolledOut(
                    d -> {
                        var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                        return container.getImage().equals("registry.example/counter-app:e2e")
                                && new Quantity("192Mi")
                                        .equals(
                                                container
                                                        .getResources()
                                                        .getRequests()
                                                        .get("memory"));
                    });
            assertThat(pods.max.get())
                    .as("memory counter pods at once during the rollout")
                    .isEqualTo(1);
            assertThat(pods.present).as("the pod of the new template").hasSize(1);
        }

        // memory -> redis: another ConfigMap, a rolling strategy with surge
        patch(
                """
                {"spec": {"backend": "redis", "replicas": 2,
                          "redis": {"url": "redis://redis.example:6379/0"}}}
                """);
        awaitRolledOut(d -> d.getSpec().getStrategy().getType().equals("RollingUpdate"));
        assertThat(
                        Cluster.client()
                                .configMaps()
                                .inNamespace(NS)
                                .withName(APP + "-config")
                                .get()
                                .getData())
                .containsEntry("COUNTER_BACKEND", "redis");
        assertThat(
                        deployment()
                                .getSpec()
                                .getStrategy()
                                .getRollingUpdate()
                                .getMaxUnavailable()
                                .getIntVal())
                .isZero();

        // and back: the API server would refuse Recreate next to rolling parameters nobody owns
        patch("{\"spec\": {\"backend\": \"memory\", \"replicas\": 1, \"redis\": null}}");
        awaitRolledOut(d -> d.getSpec().getStrategy().getType().equals("Recreate"));
        assertThat(deployment().getSpec().getStrategy().getRollingUpdate()).isNull();
        Cluster.awaitReady(NS, APP);
    }

    @Test
    void deletingACounterAppRemovesEveryChildAndTheSnapshotVolume() {
        assertThat(Cluster.applySample("etcd-managed.yaml", NS).exitCode()).isZero();
        Cluster.awaitReady(NS, "counter-etcd");
        CounterApp app = Cluster.app(NS, "counter-etcd");
        // the real API server accepts the quorum budget of the sample's three members
        assertThat(
                        Cluster.client()
                                .policy()
                                .v1()
                                .podDisruptionBudget()
                                .inNamespace(NS)
                                .withName("counter-etcd-etcd")
                                .get()
                                .getSpec()
                                .getMinAvailable()
                                .getIntVal())
                .isEqualTo(2);
        await("the snapshot PersistentVolume")
                .atMost(Cluster.TIMEOUT)
                .until(
                        () ->
                                !children(app).stream()
                                        .filter(o -> o.getMetadata().getNamespace() == null)
                                        .toList()
                                        .isEmpty());
        List<String> children = children(app).stream().map(Cluster::describe).toList();
        assertThat(children)
                .contains(
                        "Deployment " + NS + "/counter-etcd",
                        "StatefulSet " + NS + "/counter-etcd-etcd",
                        "Deployment " + NS + "/counter-etcd-nfs",
                        "CronJob " + NS + "/counter-etcd-etcd-snapshot");

        E2eCluster.kubectl().run("delete", "counterapp", "counter-etcd", "-n", NS, "--wait=false");
        // the finalizer's cleanup, then garbage collection in the background, pods last
        await("every child of counter-etcd gone")
                .atMost(Cluster.TIMEOUT.multipliedBy(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            assertThat(Cluster.app(NS, "counter-etcd"))
                                    .as("the CounterApp")
                                    .isNull();
                            assertThat(children(app)).extracting(Cluster::describe).isEmpty();
                        });
        assertThat(
                        Cluster.client()
                                .pods()
                                .inNamespace(NS)
                                .withLabel("app.kubernetes.io/instance", "counter-etcd")
                                .list()
                                .getItems())
                .isEmpty();
    }

    /**
     * The namespaced objects owned by the CounterApp, and its snapshot PersistentVolume, which
     * cannot be owned (cluster-scoped) and is named after namespace and CounterApp: other
     * namespaces' CounterApps of the same name have their own.
     */
    private static List<HasMetadata> children(CounterApp app) {
        String uid = app.getMetadata().getUid();
        String volume = Names.snapshotVolume(app);
        return Cluster.managedObjects(NS).stream()
                .filter(
                        o ->
                                o.getMetadata().getOwnerReferences().stream()
                                                .anyMatch(ref -> ref.getUid().equals(uid))
                                        || (o.getMetadata().getNamespace() == null
                                                && o.getMetadata().getName().equals(volume)))
                .toList();
    }

    private static void assertPausesBeforeStop(PodSpec pod) {
        assertThat(pod.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand())
                .containsExactly("sleep", String.valueOf(Rollouts.PRE_STOP_PAUSE_SECONDS));
        assertThat(pod.getTerminationGracePeriodSeconds())
                .isGreaterThan(Rollouts.PRE_STOP_PAUSE_SECONDS);
    }

    /** {@code kubectl patch --type merge}, as a user edits a CounterApp. */
    private static void patch(String mergePatch) {
        E2eCluster.kubectl()
                .run("patch", "counterapp", APP, "-n", NS, "--type", "merge", "-p", mergePatch);
    }

    /** The template has the change and the Deployment controller finished rolling it out. */
    private static void awaitRolledOut(java.util.function.Predicate<Deployment> change) {
        await("the change rolled out")
                .atMost(Cluster.TIMEOUT)
                .until(
                        () -> {
                            Deployment d = deployment();
                            var status = d.getStatus();
                            return change.test(d)
                                    && status != null
                                    && d.getMetadata()
                                            .getGeneration()
                                            .equals(status.getObservedGeneration())
                                    && d.getSpec().getReplicas().equals(status.getUpdatedReplicas())
                                    && d.getSpec().getReplicas().equals(status.getReadyReplicas())
                                    && d.getSpec().getReplicas().equals(status.getReplicas());
                        });
    }

    private static Deployment deployment() {
        return Cluster.client().apps().deployments().inNamespace(NS).withName(APP).get();
    }

    /** How many counter pods existed at once, from an informer's events. */
    private static final class PodCount implements ResourceEventHandler<Pod> {
        final Set<String> present = ConcurrentHashMap.newKeySet();
        final AtomicInteger max = new AtomicInteger();

        @Override
        public void onAdd(Pod pod) {
            present.add(pod.getMetadata().getName());
            max.accumulateAndGet(present.size(), Math::max);
        }

        @Override
        public void onUpdate(Pod before, Pod pod) {}

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            present.remove(pod.getMetadata().getName());
        }
    }
}
