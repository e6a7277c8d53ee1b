package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.claim;
import static dev.counter.operator.testing.Lookups.configMap;
import static dev.counter.operator.testing.Lookups.deployment;
import static dev.counter.operator.testing.Lookups.phase;
import static dev.counter.operator.testing.Lookups.service;
import static dev.counter.operator.testing.Lookups.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.BackendStatus;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.Phase;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.SecretKeyRef;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.status.Reasons;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.ClusterObjects;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.testing.OperatorExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stores a CounterApp gets: exactly the expected objects, with the expected content, for Redis
 * and etcd run by the operator and for external ones.
 */
class ManagedBackendsTest {

    private static final String NS = CounterApps.NAMESPACE;

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @Test
    void managedRedisGetsAPasswordSecretServiceAndStatefulSetWiredIntoTheDeployment() {
        CounterApp app =
                operator.client().resource(CounterApps.newApp("cache", Backend.REDIS)).create();
        Await.until(
                "redis statefulset", () -> statefulSet(operator.client(), "cache-redis") != null);
        Await.until("counter deployment", () -> deployment(operator.client(), "cache") != null);

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(operator.client(), "cache"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counterAnd(
                                                "cache",
                                                "PersistentVolumeClaim/cache-redis-data",
                                                "Secret/cache-redis",
                                                "Service/cache-redis",
                                                "StatefulSet/cache-redis")));
        Secret secret = operator.client().secrets().inNamespace(NS).withName("cache-redis").get();
        String password = decode(secret.getData().get("password"));
        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
        for (HasMetadata owned :
                List.of(
                        secret,
                        statefulSet(operator.client(), "cache-redis"),
                        service(operator.client(), "cache-redis"),
                        deployment(operator.client(), "cache"))) {
            assertOwnedBy(app, owned);
        }

        List<EnvVar> env = container(deployment(operator.client(), "cache")).getEnv();
        EnvVar passwordVar = variable(env, "REDIS_PASSWORD");
        assertThat(passwordVar.getValueFrom().getSecretKeyRef().getName()).isEqualTo("cache-redis");
        assertThat(passwordVar.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(variable(env, "REDIS_URL").getValue())
                .isEqualTo("redis://:$(REDIS_PASSWORD)@cache-redis.counters.svc:6379");
        // $(REDIS_PASSWORD) expands only if it is declared before REDIS_URL
        assertThat(env.indexOf(passwordVar)).isLessThan(env.indexOf(variable(env, "REDIS_URL")));
        ConfigMap config = configMap(operator.client(), "cache-config");
        assertThat(config.getData())
                .containsEntry("COUNTER_BACKEND", "redis")
                .doesNotContainKey("REDIS_URL");
        assertThat(config.getData().values()).noneMatch(value -> value.contains(password));

        Container redis = container(statefulSet(operator.client(), "cache-redis"));
        assertThat(redis.getImage()).isEqualTo("redis:7.2.5");
        assertThat(redis.getArgs())
                .containsSequence("--requirepass", "$(REDIS_PASSWORD)")
                // persistence is the default: a restarted Redis must keep the counter
                .containsSequence("--appendonly", "yes")
                .containsSequence("--appendfsync", "always");
        assertThat(
                        variable(redis.getEnv(), "REDIS_PASSWORD")
                                .getValueFrom()
                                .getSecretKeyRef()
                                .getName())
                .isEqualTo("cache-redis");
        assertThat(redis.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(
                        statefulSet(operator.client(), "cache-redis")
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getVolumes())
                .singleElement()
                .satisfies(
                        volume ->
                                assertThat(volume.getPersistentVolumeClaim().getClaimName())
                                        .isEqualTo("cache-redis-data"));
        assertThat(service(operator.client(), "cache-redis").getSpec().getPorts().get(0).getPort())
                .isEqualTo(6379);
    }

    @Test
    void theGeneratedPasswordIsNeverRotated() {
        operator.client().resource(CounterApps.newApp("steady-cache", Backend.REDIS)).create();
        Await.until("secret", () -> secret("steady-cache-redis") != null);
        Secret before = secret("steady-cache-redis");

        CounterApps.edit(operator.client(), "steady-cache", app -> app.getSpec().setReplicas(4));
        Await.until(
                "scaled",
                () -> deployment(operator.client(), "steady-cache").getSpec().getReplicas() == 4);

        Secret after = secret("steady-cache-redis");
        assertThat(after.getData()).isEqualTo(before.getData());
        assertThat(after.getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());
    }

    @Test
    void redisPersistenceAddsAClaimThatGoesWhenPersistenceIsTurnedOff() {
        CounterApp app = CounterApps.newApp("durable", Backend.REDIS);
        var redis = new RedisSpec();
        redis.getPersistence().setEnabled(true);
        redis.getPersistence().setSize("2048Mi");
        redis.getPersistence().setStorageClassName("fast");
        app.getSpec().setRedis(redis);
        operator.client().resource(app).create();

        Await.until("claim", () -> claim(operator.client(), "durable-redis-data") != null);
        var claim = claim(operator.client(), "durable-redis-data");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
                .isEqualTo("2Gi");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        Await.untilAsserted(
                () -> {
                    StatefulSet statefulSet = statefulSet(operator.client(), "durable-redis");
                    assertThat(container(statefulSet).getArgs())
                            .containsSequence("--appendonly", "yes");
                    assertThat(statefulSet.getSpec().getTemplate().getSpec().getVolumes())
                            .singleElement()
                            .satisfies(
                                    v ->
                                            assertThat(v.getPersistentVolumeClaim().getClaimName())
                                                    .isEqualTo("durable-redis-data"));
                });

        CounterApps.edit(
                operator.client(),
                "durable",
                current -> current.getSpec().getRedis().getPersistence().setEnabled(false));

        Await.until("claim deleted", () -> claim(operator.client(), "durable-redis-data") == null);
        Await.untilAsserted(
                () ->
                        assertThat(
                                        container(statefulSet(operator.client(), "durable-redis"))
                                                .getArgs())
                                .containsSequence("--appendonly", "no"));
    }

    @Test
    void anExternalRedisWithAPasswordSecretGetsNoManagedObjects() {
        CounterApp app = CounterApps.newApp("remote-cache", Backend.REDIS);
        var redis = new RedisSpec();
        redis.setUrl("redis://redis.example:6379/2");
        redis.setPasswordSecretRef(new SecretKeyRef("shared-redis", "pw"));
        app.getSpec().setRedis(redis);
        operator.client().resource(app).create();

        Await.until("deployment", () -> deployment(operator.client(), "remote-cache") != null);
        Await.until("status", () -> backendStatus("remote-cache") != null);

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(operator.client(), "remote-cache"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counter("remote-cache")));
        List<EnvVar> env = container(deployment(operator.client(), "remote-cache")).getEnv();
        assertThat(variable(env, "REDIS_PASSWORD").getValueFrom().getSecretKeyRef())
                .satisfies(
                        ref -> {
                            assertThat(ref.getName()).isEqualTo("shared-redis");
                            assertThat(ref.getKey()).isEqualTo("pw");
                        });
        assertThat(variable(env, "REDIS_URL").getValue())
                .isEqualTo("redis://:$(REDIS_PASSWORD)@redis.example:6379/2");
        assertThat(configMap(operator.client(), "remote-cache-config").getData())
                .doesNotContainKey("REDIS_URL");
        BackendStatus backend = backendStatus("remote-cache");
        assertThat(backend.getManaged()).isFalse();
        assertThat(backend.getReady()).isTrue();
        assertThat(backend.getEndpoint()).isEqualTo("redis://redis.example:6379/2");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5})
    void managedEtcdRunsTheRequestedMembersBehindPeerAndClientServices(int members) {
        String name = "ring" + members;
        CounterApp app = CounterApps.newApp(name, Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setMembers(members);
        app.getSpec().setEtcd(etcd);
        app = operator.client().resource(app).create();

        Await.until(
                "etcd statefulset", () -> statefulSet(operator.client(), name + "-etcd") != null);
        Await.until("disruption budget", () -> disruptionBudget(name + "-etcd") != null);
        Await.until("deployment", () -> deployment(operator.client(), name) != null);

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(operator.client(), name))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counterAnd(
                                                name,
                                                "Service/" + name + "-etcd",
                                                "Service/" + name + "-etcd-peers",
                                                "ConfigMap/" + name + "-etcd-members",
                                                "StatefulSet/" + name + "-etcd",
                                                "PodDisruptionBudget/" + name + "-etcd")));
        StatefulSet statefulSet = statefulSet(operator.client(), name + "-etcd");
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(members);
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo(name + "-etcd-peers");
        assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(statefulSet.getSpec().getVolumeClaimTemplates())
                .singleElement()
                .satisfies(
                        claim ->
                                assertThat(
                                                claim.getSpec()
                                                        .getResources()
                                                        .getRequests()
                                                        .get("storage")
                                                        .toString())
                                        .isEqualTo("1Gi"));
        Container member = container(statefulSet);
        assertThat(member.getImage()).startsWith("quay.io/coreos/etcd:v3.5.");
        // the start script reads the first cluster's member list from the members ConfigMap
        String initialCluster =
                configMap(operator.client(), name + "-etcd-members").getData().get("bootstrap");
        assertThat(initialCluster.split(","))
                .hasSize(members)
                .allMatch(
                        entry ->
                                entry.matches(
                                        name
                                                + "-etcd-\\d=http://"
                                                + name
                                                + "-etcd-\\d\\."
                                                + name
                                                + "-etcd-peers\\.counters\\.svc:2380"));
        assertThat(member.getArgs())
                .contains(
                        "--name=$(POD_NAME)",
                        "--data-dir=/var/lib/etcd/data");
        assertThat(member.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(member.getLivenessProbe().getHttpGet().getPath()).startsWith("/health");
        assertThat(member.getSecurityContext().getRunAsNonRoot()).isTrue();

        Service peers = service(operator.client(), name + "-etcd-peers");
        assertThat(peers.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(peers.getSpec().getPublishNotReadyAddresses()).isTrue();
        // evictions leave at least the quorum running: 1 of 1, 2 of 3, 3 of 5
        assertThat(disruptionBudget(name + "-etcd").getSpec().getMinAvailable().getIntVal())
                .isEqualTo(members / 2 + 1);
        assertThat(configMap(operator.client(), name + "-config").getData())
                .containsEntry("ETCD_ENDPOINTS", "http://" + name + "-etcd.counters.svc:2379");
        for (String owned : List.of(name + "-etcd", name + "-etcd-peers")) {
            assertOwnedBy(app, service(operator.client(), owned));
        }
        assertOwnedBy(app, statefulSet);
    }

    @Test
    void anExternalEtcdGetsNoManagedObjects() {
        CounterApp app = CounterApps.newApp("remote-ring", Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setEndpoints(List.of("http://etcd-a:2379", "http://etcd-b:2379"));
        app.getSpec().setEtcd(etcd);
        operator.client().resource(app).create();

        Await.until("config", () -> configMap(operator.client(), "remote-ring-config") != null);
        Await.until("deployment", () -> deployment(operator.client(), "remote-ring") != null);

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(operator.client(), "remote-ring"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counter("remote-ring")));
        assertThat(configMap(operator.client(), "remote-ring-config").getData())
                .containsEntry("ETCD_ENDPOINTS", "http://etcd-a:2379,http://etcd-b:2379");
    }

    @Test
    void readyWaitsForAQuorumOfEtcdMembers() {
        operator.client().resource(CounterApps.newApp("quorum", Backend.ETCD)).create();
        Await.until("deployment", () -> deployment(operator.client(), "quorum") != null);
        DeploymentStatuses.write(
                operator.client(), "quorum", g -> DeploymentStatuses.rolledOut(g, 1));

        Await.untilAsserted(
                () -> {
                    CounterApp app = CounterApps.get(operator.client(), "quorum");
                    assertThat(app.getStatus()).isNotNull();
                    assertThat(
                                    app.getStatus()
                                            .condition(ConditionTypes.READY)
                                            .orElseThrow()
                                            .getReason())
                            .isEqualTo(Reasons.BACKEND_NOT_READY);
                    assertThat(app.getStatus().getPhase()).isEqualTo(Phase.Pending);
                    BackendStatus backend = app.getStatus().getBackend();
                    assertThat(backend.getType()).isEqualTo(Backend.ETCD);
                    assertThat(backend.getManaged()).isTrue();
                    assertThat(backend.getEndpoint())
                            .isEqualTo("http://quorum-etcd.counters.svc:2379");
                    assertThat(backend.getMembers()).isEqualTo(3);
                    assertThat(backend.getReady()).isFalse();
                });

        operator.client()
                .apps()
                .statefulSets()
                .inNamespace(NS)
                .withName("quorum-etcd")
                .editStatus(
                        statefulSet -> {
                            statefulSet.setStatus(
                                    new StatefulSetStatusBuilder()
                                            .withReplicas(3)
                                            .withReadyReplicas(2)
                                            .build());
                            return statefulSet;
                        });

        Await.until(
                "ready with two of three members",
                () -> phase(operator.client(), "quorum") == Phase.Ready);
        BackendStatus backend = backendStatus("quorum");
        assertThat(backend.getReady()).isTrue();
        assertThat(backend.getReadyMembers()).isEqualTo(2);
    }

    private static void assertOwnedBy(CounterApp app, HasMetadata owned) {
        assertThat(owned.getMetadata().getOwnerReferences())
                .as("owner of %s", owned.getMetadata().getName())
                .singleElement()
                .satisfies(
                        ref -> {
                            assertThat(ref.getUid()).isEqualTo(app.getMetadata().getUid());
                            assertThat(ref.getController()).isTrue();
                        });
    }

    private static EnvVar variable(List<EnvVar> env, String name) {
        return env.stream().filter(e -> name.equals(e.getName())).findFirst().orElseThrow();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Container container(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static BackendStatus backendStatus(String name) {
        CounterApp app = CounterApps.get(operator.client(), name);
        return app == null || app.getStatus() == null ? null : app.getStatus().getBackend();
    }

    private static Secret secret(String name) {
        return operator.client().secrets().inNamespace(NS).withName(name).get();
    }

    private static PodDisruptionBudget disruptionBudget(String name) {
        return operator.client()
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(NS)
                .withName(name)
                .get();
    }
}
