package dev.counter.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.counter.operator.dependent.EtcdStatefulSetDependent;
import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.EtcdTlsSpec;
import dev.counter.operator.model.NfsSpec;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.SecretKeyRef;
import dev.counter.operator.model.ServiceType;
import dev.counter.operator.testing.CounterApps;
import dev.counter.urls.BackendUrls;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

    private final SpecValidator validator = SpecValidator.standard();

    @Test
    void aDefaultMemorySpecIsValid() {
        assertThat(validator.validate(spec(Backend.MEMORY))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void memoryAllowsAtMostOneReplica(int replicas) {
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.setReplicas(replicas);
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void memoryWithThreeReplicasIsRefusedWithTheSchemaMessage() {
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.setReplicas(3);
        assertThat(validator.validate(spec))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.reason()).isEqualTo("MultiReplicaMemory");
                            assertThat(v.field()).isEqualTo("spec.replicas");
                            assertThat(v.message())
                                    .startsWith(CounterAppSpec.MEMORY_REPLICAS_MESSAGE)
                                    .contains("3");
                        });
    }

    @Test
    void sharedBackendsAllowManyReplicas() {
        CounterAppSpec spec = redis("redis://redis:6379");
        spec.setReplicas(5);
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void negativeReplicasAreRefused() {
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.setReplicas(-1);
        assertThat(reasons(spec)).containsExactly("NegativeReplicas");
    }

    @Test
    void backendIsRequired() {
        assertThat(reasons(spec(null))).containsExactly("MissingBackend");
        assertThat(validator.validate(null))
                .extracting(Violation::reason)
                .containsExactly("MissingSpec");
    }

    @Test
    void redisWithoutAUrlIsRunByTheOperatorAndAGivenUrlMustBeRedis() {
        assertThat(validator.validate(spec(Backend.REDIS))).isEmpty();
        assertThat(reasons(redis("http://redis:6379"))).containsExactly("BackendNotConfigured");
        assertThat(validator.validate(redis("rediss://user:secret@redis.example:6380/0")))
                .isEmpty();
    }

    /**
     * Addresses the service exits 2 on must make the CounterApp Valid=False, not crash-looping
     * pods.
     */
    @ParameterizedTest
    @ValueSource(strings = {"redis://h:6379/x", "redis://:6379", "redis://h:0"})
    void redisUrlsTheServiceRefusesAreRefusedWithItsMessage(String url) {
        String serviceMessage =
                assertThrows(IllegalArgumentException.class, () -> BackendUrls.redisUrl(url))
                        .getMessage();
        assertThat(validator.validate(redis(url)))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains(serviceMessage, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://etcd", "http://:2379", "http://etcd:0", "etcd:2379"})
    void etcdEndpointsTheServiceRefusesAreRefusedWithItsMessage(String endpoint) {
        String serviceMessage =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> BackendUrls.etcdEndpoint(endpoint))
                        .getMessage();
        CounterAppSpec spec = spec(Backend.ETCD);
        spec.setEtcd(new EtcdSpec());
        spec.getEtcd().setEndpoints(List.of("http://etcd-0:2379", endpoint));
        assertThat(validator.validate(spec))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains(serviceMessage, endpoint));
    }

    @Test
    void etcdWithoutEndpointsIsRunByTheOperatorAndGivenEndpointsMustBeHttp() {
        assertThat(validator.validate(spec(Backend.ETCD))).isEmpty();
        CounterAppSpec spec = spec(Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setEndpoints(List.of("http://etcd-0:2379", "etcd-1:2379"));
        spec.setEtcd(etcd);
        assertThat(validator.validate(spec))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("etcd-1:2379"));
        etcd.setEndpoints(List.of("http://etcd-0:2379", "https://etcd-1:2379"));
        assertThat(validator.validate(spec))
                .singleElement()
                .satisfies(
                        v ->
                                assertThat(v.message())
                                        .contains("https endpoints need TLS settings", "https://etcd-1:2379"));
        etcd.setEndpoints(List.of("http://etcd-0:2379", "http://etcd-1:2379"));
        assertThat(validator.validate(spec)).isEmpty();
    }

    /** The CRD's TLS rules, for CounterApps stored before them (the mock API has no CEL). */
    @Test
    void withEtcdTlsEveryEndpointIsHttpsAndTheSecretIsForExternalEndpointsOnly() {
        CounterAppSpec spec = spec(Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setTls(new EtcdTlsSpec("etcd-client"));
        etcd.setEndpoints(List.of("https://etcd-0:2379", "https://etcd-1:2379"));
        spec.setEtcd(etcd);
        assertThat(validator.validate(spec)).isEmpty();

        etcd.setEndpoints(List.of("https://etcd-0:2379", "http://etcd-1:2379"));
        assertThat(validator.validate(spec))
                .singleElement()
                .satisfies(
                        v -> assertThat(v.message()).contains("every endpoint must be https", "http://etcd-1:2379"));

        etcd.setEndpoints(List.of("https://etcd-0:2379"));
        etcd.setTls(new EtcdTlsSpec());
        assertThat(validator.validate(spec))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.field()).isEqualTo("spec.etcd.tls.secretName");
                            assertThat(v.message()).isEqualTo(EtcdSpec.TLS_EXTERNAL_NEEDS_SECRET_MESSAGE);
                        });

        // the cluster the operator runs: tls: {} is its own TLS, a Secret name is refused
        etcd.setEndpoints(List.of());
        assertThat(validator.validate(spec)).isEmpty();
        etcd.setTls(new EtcdTlsSpec("etcd-client"));
        assertThat(validator.validate(spec))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.field()).isEqualTo("spec.etcd.tls.secretName");
                            assertThat(v.message()).isEqualTo(EtcdSpec.TLS_MANAGED_SECRET_MESSAGE);
                        });
        // the CRD's rule holds whatever the backend, and so does the operator's
        spec.setBackend(Backend.REDIS);
        assertThat(validator.validate(spec)).extracting(Violation::field).containsExactly("spec.etcd.tls.secretName");
    }

    @Test
    void aPasswordSecretNeedsAnExternalUrlWithoutAPassword() {
        CounterAppSpec managed = spec(Backend.REDIS);
        managed.setRedis(new RedisSpec());
        managed.getRedis().setPasswordSecretRef(new SecretKeyRef("redis", "password"));
        assertThat(validator.validate(managed))
                .singleElement()
                .satisfies(
                        v ->
                                assertThat(v.message())
                                        .isEqualTo(RedisSpec.SECRET_REF_NEEDS_URL_MESSAGE));

        CounterAppSpec twice = redis("redis://:inline@redis:6379");
        twice.getRedis().setPasswordSecretRef(new SecretKeyRef("redis", "password"));
        assertThat(validator.validate(twice))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).doesNotContain("inline"));

        CounterAppSpec external = redis("redis://redis:6379");
        external.getRedis().setPasswordSecretRef(new SecretKeyRef("redis", "password"));
        assertThat(validator.validate(external)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 4, 7})
    void etcdMembersMustBeOneThreeOrFive(int members) {
        CounterAppSpec spec = spec(Backend.ETCD);
        spec.setEtcd(new EtcdSpec());
        spec.getEtcd().setMembers(members);
        assertThat(reasons(spec)).containsExactly("InvalidEtcdMembers");
    }

    @Test
    void snapshotsAndRestoreNeedTheOperatorsClusterAndRestoreNeedsSnapshots() {
        CounterAppSpec external = spec(Backend.ETCD);
        external.setEtcd(new EtcdSpec());
        external.getEtcd().setEndpoints(List.of("http://etcd:2379"));
        external.getEtcd().getSnapshots().setEnabled(true);
        assertThat(reasons(external)).containsExactly("SnapshotsNeedManagedEtcd");

        CounterAppSpec managed = spec(Backend.ETCD);
        managed.setEtcd(new EtcdSpec());
        managed.getEtcd().setRestoreFrom("hits-etcd-snapshot-29410000.db");
        assertThat(reasons(managed)).containsExactly("RestoreNeedsSnapshots");
        managed.getEtcd().getSnapshots().setEnabled(true);
        assertThat(validator.validate(managed)).isEmpty();
        managed.getEtcd().setRestoreFrom("../etc/passwd");
        assertThat(reasons(managed)).containsExactly("InvalidSnapshots");
    }

    @Test
    void snapshotScheduleRetainAndNfsMustBeUsable() {
        CounterAppSpec spec = spec(Backend.ETCD);
        spec.setEtcd(new EtcdSpec());
        spec.getEtcd().getSnapshots().setEnabled(true);
        spec.getEtcd().getSnapshots().setSchedule("hourly");
        spec.getEtcd().getSnapshots().setRetain(0);
        spec.getEtcd().getSnapshots().setNfs(new NfsSpec("nfs.example", "exports"));
        assertThat(validator.validate(spec))
                .extracting(Violation::field)
                .containsExactly(
                        "spec.etcd.snapshots.schedule",
                        "spec.etcd.snapshots.retain",
                        "spec.etcd.snapshots.nfs");
    }

    @Test
    void storeResourcesAndVolumeSizesMustParse() {
        CounterAppSpec spec = spec(Backend.ETCD);
        spec.setEtcd(new EtcdSpec());
        spec.getEtcd().getStorage().setSize("big");
        spec.getEtcd()
                .setResources(
                        new ResourceRequirementsBuilder()
                                .addToRequests("memory", new Quantity("1Gi"))
                                .addToLimits("memory", new Quantity("512Mi"))
                                .build());
        assertThat(validator.validate(spec))
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "spec.etcd.storage.size", "spec.etcd.resources.requests.memory");
    }

    @Test
    void theMembersOfARunningClusterMayChangeButItsVolumesCannot() {
        CounterAppSpec spec = spec(Backend.ETCD);
        spec.setEtcd(new EtcdSpec());
        var running =
                new Deployed(
                        Optional.of(
                                new StatefulSetBuilder()
                                        .withNewSpec()
                                        .withReplicas(3)
                                        .addNewVolumeClaimTemplate()
                                        .withNewSpec()
                                        .withNewResources()
                                        .addToRequests("storage", new Quantity("1024Mi"))
                                        .endResources()
                                        .endSpec()
                                        .endVolumeClaimTemplate()
                                        .endSpec()
                                        .build()));
        assertThat(validator.validate(spec, running)).isEmpty();

        spec.getEtcd().setMembers(5);
        assertThat(validator.validate(spec, running)).isEmpty();
        spec.getEtcd().getStorage().setSize("2Gi");
        assertThat(validator.validate(spec, running))
                .extracting(Violation::reason)
                .containsExactly("EtcdStorageImmutable");
        // without a cluster yet, any valid size is fine
        assertThat(validator.validate(spec, Deployed.nothing())).isEmpty();
    }

    /** The StatefulSet as the operator built it, so the check reads what a real one holds. */
    @Test
    void tlsOfARunningClusterCannotBeAddedOrRemoved() {
        CounterApp plain = CounterApps.stored("plain", Backend.ETCD);
        plain.getSpec().setEtcd(new EtcdSpec());
        CounterApp secure = CounterApps.stored("secure", Backend.ETCD);
        secure.getSpec().setEtcd(new EtcdSpec());
        secure.getSpec().getEtcd().setTls(new EtcdTlsSpec());
        var plainCluster = new Deployed(Optional.of(EtcdStatefulSetDependent.desired(plain, Optional.empty())));
        var secureCluster = new Deployed(Optional.of(EtcdStatefulSetDependent.desired(secure, Optional.empty())));
        assertThat(validator.validate(plain.getSpec(), plainCluster)).isEmpty();
        assertThat(validator.validate(secure.getSpec(), secureCluster)).isEmpty();

        assertThat(validator.validate(secure.getSpec(), plainCluster))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.reason()).isEqualTo("EtcdTlsImmutable");
                            assertThat(v.field()).isEqualTo("spec.etcd.tls");
                            assertThat(v.message())
                                    .startsWith(EtcdSpec.TLS_MANAGED_IMMUTABLE_MESSAGE)
                                    .endsWith("the members run without TLS");
                        });
        assertThat(validator.validate(plain.getSpec(), secureCluster))
                .extracting(Violation::message)
                .singleElement()
                .asString()
                .endsWith("the members run with TLS");
        // an external cluster has its own TLS: nothing of the old StatefulSet applies
        plain.getSpec().getEtcd().setEndpoints(List.of("http://etcd:2379"));
        assertThat(validator.validate(plain.getSpec(), secureCluster)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "3.4.23, 3.4.30, true",
        "3.4.23, 3.5.21, true",
        "3.5.21, 3.5.9, true",
        "3.5.21, 3.6.4, true",
        "3.4.23, 3.6.4, false",
        "3.5.21, 3.4.23, false",
        "3.6.4, 3.5.21, false",
        "3.6.4, 3.4.23, false"
    })
    void etcdVersionMovesOneMinorUpAtATimeFromWhatTheMembersRun(
            String running, String wanted, boolean allowed) {
        CounterAppSpec spec = spec(Backend.ETCD);
        spec.setEtcd(new EtcdSpec());
        spec.getEtcd().setVersion(wanted);
        var deployed =
                new Deployed(
                        Optional.of(
                                new StatefulSetBuilder()
                                        .withNewSpec()
                                        .withReplicas(3)
                                        .withNewTemplate()
                                        .withNewSpec()
                                        .addNewContainer()
                                        .withName("etcd")
                                        .withImage("quay.io/coreos/etcd:v" + running)
                                        .endContainer()
                                        .endSpec()
                                        .endTemplate()
                                        .endSpec()
                                        .build()));

        List<Violation> violations = validator.validate(spec, deployed);

        if (allowed) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations)
                    .extracting(Violation::reason, Violation::field, Violation::message)
                    .containsExactly(
                            tuple(
                                    "EtcdVersionPath",
                                    "spec.etcd.version",
                                    EtcdSpec.VERSION_PATH_MESSAGE
                                            + ": the members run quay.io/coreos/etcd:v"
                                            + running
                                            + ", the spec asks for "
                                            + wanted));
        }
        // a new cluster starts at any supported version
        assertThat(validator.validate(spec, Deployed.nothing())).isEmpty();
    }

    @Test
    void httpAndGrpcNeedTheirOwnServicePorts() {
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.getService().setGrpcPort(80);
        assertThat(reasons(spec)).containsExactly("ServicePortsClash");
        spec.getService().setGrpcPort(81);
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void nodePortOnlyWithTypeNodePort() {
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.getService().setNodePort(30080);
        assertThat(reasons(spec)).containsExactly("NodePortWithoutNodePortType");
        spec.getService().setType(ServiceType.NodePort);
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void enabledIngressNeedsAHost() {
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.getIngress().setEnabled(true);
        assertThat(reasons(spec)).containsExactly("IngressHostMissing");
        spec.getIngress().setHost(" ");
        assertThat(reasons(spec)).containsExactly("IngressHostMissing");
        spec.getIngress().setHost("counter.example.com");
        assertThat(validator.validate(spec)).isEmpty();
        spec.getIngress().setEnabled(false);
        spec.getIngress().setHost(null);
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void quantitiesMustParseAndRequestsMustNotExceedLimits() {
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.setResources(
                new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("2"))
                        .addToRequests("memory", new Quantity("lots"))
                        .addToLimits("cpu", new Quantity("1500m"))
                        .build());
        assertThat(validator.validate(spec))
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "spec.resources.requests.memory", "spec.resources.requests.cpu");

        spec.setResources(
                new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("1000m"))
                        .addToLimits("cpu", new Quantity("1"))
                        .build());
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void everyViolationIsReportedNotJustTheFirst() {
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.setReplicas(2);
        spec.getService().setNodePort(30080);
        spec.getIngress().setEnabled(true);
        assertThat(reasons(spec))
                .containsExactly(
                        "MultiReplicaMemory", "NodePortWithoutNodePortType", "IngressHostMissing");
    }

    @Test
    void customChecksCanBeAdded() {
        SpecCheck noLatest =
                spec ->
                        spec.getImage() != null && spec.getImage().endsWith(":latest")
                                ? List.of(
                                        new Violation("LatestImage", "spec.image", "pin a version"))
                                : List.of();
        var custom = new SpecValidator(List.of(noLatest));
        CounterAppSpec spec = spec(Backend.MEMORY);
        spec.setImage("counter:latest");
        assertThat(custom.validate(spec))
                .extracting(Violation::reason)
                .containsExactly("LatestImage");
    }

    private List<String> reasons(CounterAppSpec spec) {
        return validator.validate(spec).stream().map(Violation::reason).toList();
    }

    private static CounterAppSpec redis(String url) {
        CounterAppSpec spec = spec(Backend.REDIS);
        var redis = new RedisSpec();
        redis.setUrl(url);
        spec.setRedis(redis);
        return spec;
    }

    private static CounterAppSpec spec(Backend backend) {
        var spec = new CounterAppSpec();
        spec.setBackend(backend);
        return spec;
    }
}
