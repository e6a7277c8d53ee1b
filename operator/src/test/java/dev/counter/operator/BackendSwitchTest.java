package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.deployment;
import static dev.counter.operator.testing.Lookups.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.Phase;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.ClusterObjects;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Switching the backend rewires the counter Deployment and removes what the old backend needed; an
 * etcd cluster keeps its size.
 */
class BackendSwitchTest {

    private static final String NS = CounterApps.NAMESPACE;

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @Test
    void memoryToRedisToEtcdToMemoryRewiresTheDeploymentAndRemovesTheOldStore() {
        operator.client().resource(CounterApps.newApp("nomad", Backend.MEMORY)).create();
        Await.until("deployment", () -> deployment(operator.client(), "nomad") != null);
        assertThat(ClusterObjects.of(operator.client(), "nomad"))
                .containsExactlyInAnyOrderElementsOf(ClusterObjects.counter("nomad"));

        CounterApps.edit(
                operator.client(), "nomad", app -> app.getSpec().setBackend(Backend.REDIS));
        Await.untilAsserted(
                () -> {
                    assertThat(ClusterObjects.of(operator.client(), "nomad"))
                            .containsExactlyInAnyOrderElementsOf(
                                    ClusterObjects.counterAnd(
                                            "nomad",
                                            "PersistentVolumeClaim/nomad-redis-data",
                                            "Secret/nomad-redis",
                                            "Service/nomad-redis",
                                            "StatefulSet/nomad-redis"));
                    assertThat(envNames(deployment(operator.client(), "nomad")))
                            .contains("REDIS_PASSWORD", "REDIS_URL");
                    assertThat(configData("nomad")).containsEntry("COUNTER_BACKEND", "redis");
                });

        CounterApps.edit(operator.client(), "nomad", app -> app.getSpec().setBackend(Backend.ETCD));
        Await.untilAsserted(
                () -> {
                    assertThat(ClusterObjects.of(operator.client(), "nomad"))
                            .containsExactlyInAnyOrderElementsOf(
                                    ClusterObjects.counterAnd(
                                            "nomad",
                                            "Service/nomad-etcd",
                                            "Service/nomad-etcd-peers",
                                            "ConfigMap/nomad-etcd-members",
                                            "StatefulSet/nomad-etcd",
                                            "PodDisruptionBudget/nomad-etcd"));
                    assertThat(envNames(deployment(operator.client(), "nomad")))
                            .doesNotContain("REDIS_PASSWORD", "REDIS_URL");
                    assertThat(configData("nomad"))
                            .containsEntry("COUNTER_BACKEND", "etcd")
                            .containsEntry("ETCD_ENDPOINTS", "http://nomad-etcd.counters.svc:2379");
                });

        CounterApps.edit(
                operator.client(), "nomad", app -> app.getSpec().setBackend(Backend.MEMORY));
        Await.untilAsserted(
                () -> {
                    assertThat(ClusterObjects.of(operator.client(), "nomad"))
                            .containsExactlyInAnyOrderElementsOf(ClusterObjects.counter("nomad"));
                    assertThat(configData("nomad"))
                            .containsEntry("COUNTER_BACKEND", "memory")
                            .doesNotContainKey("ETCD_ENDPOINTS");
                });
        assertThat(Events.exists(operator.client(), "nomad", "Normal", "Deleted")).isTrue();
    }

    @Test
    void switchingBetweenExternalStoresNeverCreatesManagedObjects() {
        CounterApp app = CounterApps.newApp("visitor", Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setEndpoints(List.of("http://etcd.example:2379"));
        app.getSpec().setEtcd(etcd);
        operator.client().resource(app).create();
        Await.until("deployment", () -> deployment(operator.client(), "visitor") != null);

        CounterApps.edit(
                operator.client(),
                "visitor",
                current -> {
                    current.getSpec().setBackend(Backend.REDIS);
                    var redis = new RedisSpec();
                    redis.setUrl("redis://redis.example:6379");
                    current.getSpec().setRedis(redis);
                });

        Await.untilAsserted(
                () ->
                        assertThat(configData("visitor"))
                                .containsEntry("REDIS_URL", "redis://redis.example:6379"));
        Await.until("operator idle", operator.harness()::idle);
        assertThat(ClusterObjects.of(operator.client(), "visitor"))
                .containsExactlyInAnyOrderElementsOf(ClusterObjects.counter("visitor"));
        // nothing was created and deleted again in between either: no such Event
        assertThat(Events.about(operator.client(), "visitor"))
                .noneMatch(
                        event ->
                                event.getMessage().contains("StatefulSet")
                                        || event.getMessage().contains("Secret"));
    }

    @Test
    void changingTheMembersOfARunningClusterIsAcceptedAndTheStatefulSetKeepsItsLiveCount() {
        CounterApp created = CounterApps.newApp("fixed", Backend.ETCD);
        created.getSpec().setEtcd(new EtcdSpec());
        operator.client().resource(created).create();
        Await.until("statefulset", () -> statefulSet(operator.client(), "fixed-etcd") != null);
        Await.until("operator idle", operator.harness()::idle);
        String statefulSetVersion =
                statefulSet(operator.client(), "fixed-etcd").getMetadata().getResourceVersion();
        // what the membership steps write: the dependent must carry it over
        operator.client()
                .configMaps()
                .inNamespace(NS)
                .withName("fixed-etcd-members")
                .edit(
                        cm -> {
                            cm.getData().put("bootstrapped", "true");
                            cm.getData().put("join.fixed-etcd-3.id", "j-1");
                            return cm;
                        });

        CounterApp resized =
                CounterApps.edit(
                        operator.client(), "fixed", app -> app.getSpec().getEtcd().setMembers(5));

        Await.untilAsserted(
                () -> {
                    CounterApp app = CounterApps.get(operator.client(), "fixed");
                    assertThat(app.getStatus()).isNotNull();
                    assertThat(app.getStatus().getObservedGeneration())
                            .isEqualTo(resized.getMetadata().getGeneration());
                    assertThat(app.getStatus().getPhase()).isNotEqualTo(Phase.Invalid);
                    assertThat(
                                    app.getStatus()
                                            .condition(ConditionTypes.VALID)
                                            .orElseThrow()
                                            .isTrue())
                            .isTrue();
                    assertThat(app.getStatus().getBackend().getMembers()).isEqualTo(3);
                });
        Await.until("operator idle", operator.harness()::idle);
        // members join one at a time through etcd's member API: the spec alone moves nothing
        StatefulSet after = statefulSet(operator.client(), "fixed-etcd");
        assertThat(after.getSpec().getReplicas()).isEqualTo(3);
        // the template does not carry the member count: nothing to write, no pod outdated
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(statefulSetVersion);
        Map<String, String> members =
                operator.client()
                        .configMaps()
                        .inNamespace(NS)
                        .withName("fixed-etcd-members")
                        .get()
                        .getData();
        assertThat(members)
                .containsEntry("bootstrapped", "true")
                .containsEntry("join.fixed-etcd-3.id", "j-1");
        assertThat(members.get("bootstrap").split(",")).hasSize(3);
        assertThat(Events.about(operator.client(), "fixed"))
                .noneMatch(event -> "EtcdMembersImmutable".equals(event.getReason()));
    }

    private static List<String> envNames(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .map(EnvVar::getName)
                .toList();
    }

    private static Map<String, String> configData(String name) {
        return operator.client()
                .configMaps()
                .inNamespace(NS)
                .withName(name + "-config")
                .get()
                .getData();
    }
}
