package dev.counter.operator;

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
import dev.counter.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stores a CounterApp gets: exactly the expected objects, with the expected content, for Redis
 * and etcd run by the operator and for external ones.
 */
class ManagedBackendsTest {

    private static final String NS = CounterApps.NAMESPACE;

    private static OperatorHarness harness;
    private static KubernetesClient client;

    @BeforeAll
    static void startOperator() {
        harness = OperatorHarness.start();
        client = harness.cluster().client();
    }

    @AfterAll
    static void stopOperator() {
        harness.close();
    }

    @Test
    void managedRedisGetsAPasswordSecretServiceAndStatefulSetWiredIntoTheDeployment() {
        CounterApp app = client.resource(CounterApps.newApp("cache", Backend.REDIS)).create();
        Await.until("redis statefulset", () -> statefulSet("cache-redis") != null);
        Await.until("counter deployment", () -> deployment("cache") != null);

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(client, "cache"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counterAnd(
                                                "cache",
                                                "Secret/cache-redis",
                                                "Service/cache-redis",
                                                "StatefulSet/cache-redis")));
        Secret secret = client.secrets().inNamespace(NS).withName("cache-redis").get();
        String password = decode(secret.getData().get("password"));
        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
        for (HasMetadata owned :
                List.of(
                        secret,
                        statefulSet("cache-redis"),
                        service("cache-redis"),
                        deployment("cache"))) {
            assertOwnedBy(app, owned);
        }

        List<EnvVar> env = container(deployment("cache")).getEnv();
        EnvVar passwordVar = variable(env, "REDIS_PASSWORD");
        assertThat(passwordVar.getValueFrom().getSecretKeyRef().getName()).isEqualTo("cache-redis");
        assertThat(passwordVar.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(variable(env, "REDIS_URL").getValue())
                .isEqualTo("redis://:$(REDIS_PASSWORD)@cache-redis.counters.svc:6379");
        // $(REDIS_PASSWORD) expands only if it is declared before REDIS_URL
        assertThat(env.indexOf(passwordVar)).isLessThan(env.indexOf(variable(env, "REDIS_URL")));
        ConfigMap config = configMap("cache-config");
        assertThat(config.getData())
                .containsEntry("COUNTER_BACKEND", "redis")
                .doesNotContainKey("REDIS_URL");
        assertThat(config.getData().values()).noneMatch(value -> value.contains(password));

        Container redis = container(statefulSet("cache-redis"));
        assertThat(redis.getImage()).isEqualTo("redis:7.2.5");
        assertThat(redis.getArgs())
                .containsSequence("--requirepass", "$(REDIS_PASSWORD)")
                .containsSequence("--appendonly", "no");
        assertThat(
                        variable(redis.getEnv(), "REDIS_PASSWORD")
                                .getValueFrom()
                                .getSecretKeyRef()
                                .getName())
                .isEqualTo("cache-redis");
        assertThat(redis.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(statefulSet("cache-redis").getSpec().getTemplate().getSpec().getVolumes())
                .singleElement()
                .satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        assertThat(service("cache-redis").getSpec().getPorts().get(0).getPort()).isEqualTo(6379);
    }

    @Test
    void theGeneratedPasswordIsNeverRotated() {
        client.resource(CounterApps.newApp("steady-cache", Backend.REDIS)).create();
        Await.until("secret", () -> secret("steady-cache-redis") != null);
        Secret before = secret("steady-cache-redis");

        CounterApps.edit(client, "steady-cache", app -> app.getSpec().setReplicas(4));
        Await.until("scaled", () -> deployment("steady-cache").getSpec().getReplicas() == 4);

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
        client.resource(app).create();

        Await.until("claim", () -> claim("durable-redis-data") != null);
        var claim = claim("durable-redis-data");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
                .isEqualTo("2Gi");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        Await.untilAsserted(
                () -> {
                    StatefulSet statefulSet = statefulSet("durable-redis");
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
                client,
                "durable",
                current -> current.getSpec().getRedis().getPersistence().setEnabled(false));

        Await.until("claim deleted", () -> claim("durable-redis-data") == null);
        Await.untilAsserted(
                () ->
                        assertThat(container(statefulSet("durable-redis")).getArgs())
                                .containsSequence("--appendonly", "no"));
    }

    @Test
    void anExternalRedisWithAPasswordSecretGetsNoManagedObjects() {
        CounterApp app = CounterApps.newApp("remote-cache", Backend.REDIS);
        var redis = new RedisSpec();
        redis.setUrl("redis://redis.example:6379/2");
        redis.setPasswordSecretRef(new SecretKeyRef("shared-redis", "pw"));
        app.getSpec().setRedis(redis);
        client.resource(app).create();

        Await.until("deployment", () -> deployment("remote-cache") != null);
        Await.until("status", () -> backendStatus("remote-cache") != null);

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(client, "remote-cache"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counter("remote-cache")));
        List<EnvVar> env = container(deployment("remote-cache")).getEnv();
        assertThat(variable(env, "REDIS_PASSWORD").getValueFrom().getSecretKeyRef())
                .satisfies(
                        ref -> {
                            assertThat(ref.getName()).isEqualTo("shared-redis");
                            assertThat(ref.getKey()).isEqualTo("pw");
                        });
        assertThat(variable(env, "REDIS_URL").getValue())
                .isEqualTo("redis://:$(REDIS_PASSWORD)@redis.example:6379/2");
        assertThat(configMap("remote-cache-config").getData()).doesNotContainKey("REDIS_URL");
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
        app = client.resource(app).create();

        Await.until("etcd statefulset", () -> statefulSet(name + "-etcd") != null);
        Await.until("disruption budget", () -> disruptionBudget(name + "-etcd") != null);
        Await.until("deployment", () -> deployment(name) != null);

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(client, name))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counterAnd(
                                                name,
                                                "Service/" + name + "-etcd",
                                                "Service/" + name + "-etcd-peers",
                                                "StatefulSet/" + name + "-etcd",
                                                "PodDisruptionBudget/" + name + "-etcd")));
        StatefulSet statefulSet = statefulSet(name + "-etcd");
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
        String initialCluster =
                member.getArgs().stream()
                        .filter(arg -> arg.startsWith("--initial-cluster="))
                        .findFirst()
                        .orElseThrow()
                        .substring("--initial-cluster=".length());
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
                        "--data-dir=/var/lib/etcd/data",
                        "--initial-cluster-state=new");
        assertThat(member.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(member.getLivenessProbe().getHttpGet().getPath()).startsWith("/health");
        assertThat(member.getSecurityContext().getRunAsNonRoot()).isTrue();

        Service peers = service(name + "-etcd-peers");
        assertThat(peers.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(peers.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(disruptionBudget(name + "-etcd").getSpec().getMaxUnavailable().getIntVal())
                .isEqualTo(1);
        assertThat(configMap(name + "-config").getData())
                .containsEntry("ETCD_ENDPOINTS", "http://" + name + "-etcd.counters.svc:2379");
        for (String owned : List.of(name + "-etcd", name + "-etcd-peers")) {
            assertOwnedBy(app, service(owned));
        }
        assertOwnedBy(app, statefulSet);
    }

    @Test
    void anExternalEtcdGetsNoManagedObjects() {
        CounterApp app = CounterApps.newApp("remote-ring", Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setEndpoints(List.of("http://etcd-a:2379", "http://etcd-b:2379"));
        app.getSpec().setEtcd(etcd);
        client.resource(app).create();

        Await.until("config", () -> configMap("remote-ring-config") != null);
        Await.until("deployment", () -> deployment("remote-ring") != null);

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(client, "remote-ring"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counter("remote-ring")));
        assertThat(configMap("remote-ring-config").getData())
                .containsEntry("ETCD_ENDPOINTS", "http://etcd-a:2379,http://etcd-b:2379");
    }

    @Test
    void readyWaitsForAQuorumOfEtcdMembers() {
        client.resource(CounterApps.newApp("quorum", Backend.ETCD)).create();
        Await.until("deployment", () -> deployment("quorum") != null);
        DeploymentStatuses.write(client, "quorum", g -> DeploymentStatuses.rolledOut(g, 1));

        Await.untilAsserted(
                () -> {
                    CounterApp app = CounterApps.get(client, "quorum");
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

        client.apps()
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

        Await.until("ready with two of three members", () -> phase("quorum") == Phase.Ready);
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

    private static Phase phase(String name) {
        CounterApp app = CounterApps.get(client, name);
        return app == null || app.getStatus() == null ? null : app.getStatus().getPhase();
    }

    private static BackendStatus backendStatus(String name) {
        CounterApp app = CounterApps.get(client, name);
        return app == null || app.getStatus() == null ? null : app.getStatus().getBackend();
    }

    private static Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static StatefulSet statefulSet(String name) {
        return client.apps().statefulSets().inNamespace(NS).withName(name).get();
    }

    private static Service service(String name) {
        return client.services().inNamespace(NS).withName(name).get();
    }

    private static Secret secret(String name) {
        return client.secrets().inNamespace(NS).withName(name).get();
    }

    private static ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(NS).withName(name).get();
    }

    private static PersistentVolumeClaim claim(String name) {
        return client.persistentVolumeClaims().inNamespace(NS).withName(name).get();
    }

    private static PodDisruptionBudget disruptionBudget(String name) {
        return client.policy().v1().podDisruptionBudget().inNamespace(NS).withName(name).get();
    }
}
