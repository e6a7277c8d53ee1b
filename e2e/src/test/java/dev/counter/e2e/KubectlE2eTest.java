package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Check 1: the CRD as kubectl users meet it on a real API server: CEL admission with its field
 * messages, the OpenAPI behind kubectl explain, the printer columns, the scale subresource.
 */
@Order(1)
@ExtendWith(E2eCluster.class)
class KubectlE2eTest {

    private static final String NS = "kubectl";

    @BeforeAll
    static void samples() {
        Cluster.createNamespace(NS, Map.of());
        for (String sample : List.of("memory.yaml", "redis-managed.yaml", "etcd-external.yaml")) {
            Kubectl.Result applied = Cluster.applySample(sample, NS);
            assertThat(applied.exitCode()).as("%s: %s", sample, applied.stderr()).isZero();
        }
    }

    @Test
    void theCrdWasInstalledServerSideByTheDeployManifests() {
        var crd =
                Cluster.client()
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(CounterApp.CRD_NAME)
                        .get();
        assertThat(crd.getMetadata().getManagedFields())
                .anySatisfy(field -> assertThat(field.getOperation()).isEqualTo("Apply"));
        assertThat(crd.getSpec().getNames().getCategories()).contains("counter");
    }

    @Test
    void theInvalidSampleIsRefusedWithItsFieldMessage() {
        Kubectl.Result refused = Cluster.applySample("invalid-memory-3-replicas.yaml", NS);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr())
                .contains("spec.replicas: Forbidden: " + CounterAppSpec.MEMORY_REPLICAS_MESSAGE);
        assertThat(Cluster.app(NS, "counter-invalid")).isNull();
    }

    @Test
    void anEtcdEndpointWithoutAPortIsRefusedByTheSchema() {
        Kubectl.Result refused =
                applyInline(
                                """
                                apiVersion: counter.dev/v1alpha1
                                kind: CounterApp
                                metadata:
                                  name: no-port
                                spec:
                                  backend: etcd
                                  etcd:
                                    endpoints: ["http://etcd"]
                                """);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("spec.etcd.endpoints[0]", "should match");
    }

    /**
     * The real API server's CEL for the day-2 etcd fields (the mock API has no CEL): members may
     * change, the version moves one minor up at a time, https endpoints need tls.
     */
    @Test
    void etcdMembersChangeWhileTheVersionPathAndTlsRulesAreEnforcedByTheApiServer() {
        assertThat(applyEtcd("day2", "members: 3\n    version: \"3.5.21\"").exitCode()).isZero();
        try {
            Kubectl.Result grown = applyEtcd("day2", "members: 5\n    version: \"3.5.21\"");
            assertThat(grown.exitCode()).as(grown.stderr()).isZero();
            assertThat(Cluster.app(NS, "day2").getSpec().getEtcd().getMembers()).isEqualTo(5);

            Kubectl.Result down = applyEtcd("day2", "members: 5\n    version: \"3.4.30\"");
            assertThat(down.exitCode()).isNotZero();
            assertThat(down.stderr()).contains(EtcdSpec.VERSION_PATH_MESSAGE);

            Kubectl.Result up = applyEtcd("day2", "members: 5\n    version: \"3.6.4\"");
            assertThat(up.exitCode()).as(up.stderr()).isZero();
        } finally {
            E2eCluster.kubectl().exec("", "delete", "counterapp", "day2", "-n", NS, "--wait=false");
        }

        Kubectl.Result https = applyEtcd("https-without-tls", "endpoints: [\"https://etcd:2379\"]");
        assertThat(https.exitCode()).isNotZero();
        assertThat(https.stderr()).contains(EtcdSpec.HTTPS_NEEDS_TLS_MESSAGE);
    }

    /**
     * {@code etcd.tls: {}} on the cluster the operator runs: the operator's Secrets pass the real
     * API server's validation of kubernetes.io/tls Secrets, the members get mutual TLS, and the
     * CEL rules keep the Secret name for external clusters and the TLS fixed after creation.
     */
    @Test
    void aManagedEtcdWithTlsGetsTheOperatorsCertificatesAndKeepsItsTls() {
        assertThat(applyEtcd("secure", "members: 1\n    tls: {}").exitCode()).isZero();
        try {
            // the operator writes the Secrets before the StatefulSet: each may still be missing
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> {
                                var secrets = Cluster.client().secrets().inNamespace(NS);
                                assertThat(secrets.withName("secure-etcd-ca").get()).isNotNull();
                                assertThat(Optional.ofNullable(secrets.withName("secure-etcd-server").get())
                                                .map(Secret::getType))
                                        .contains("kubernetes.io/tls");
                                assertThat(Optional.ofNullable(secrets.withName("secure-etcd-client").get())
                                                .map(Secret::getData))
                                        .hasValueSatisfying(data ->
                                                assertThat(data).containsKeys("ca.crt", "tls.crt", "tls.key"));
                                StatefulSet members = Cluster.client().apps().statefulSets().inNamespace(NS)
                                        .withName("secure-etcd").get();
                                assertThat(members).as("StatefulSet secure-etcd").isNotNull();
                                assertThat(members.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                                        .contains("--client-cert-auth", "--listen-peer-urls=https://0.0.0.0:2380");
                            });

            Kubectl.Result removed = applyEtcd("secure", "members: 1");
            assertThat(removed.exitCode()).isNotZero();
            assertThat(removed.stderr()).contains(EtcdSpec.TLS_MANAGED_IMMUTABLE_MESSAGE);

            Kubectl.Result named = applyEtcd("secure", "members: 1\n    tls:\n      secretName: mine");
            assertThat(named.exitCode()).isNotZero();
            assertThat(named.stderr()).contains(EtcdSpec.TLS_MANAGED_SECRET_MESSAGE);
        } finally {
            E2eCluster.kubectl().exec("", "delete", "counterapp", "secure", "-n", NS, "--wait=false");
        }

        Kubectl.Result external =
                applyEtcd("external-without-secret", "endpoints: [\"https://etcd:2379\"]\n    tls: {}");
        assertThat(external.exitCode()).isNotZero();
        assertThat(external.stderr()).contains(EtcdSpec.TLS_EXTERNAL_NEEDS_SECRET_MESSAGE);
    }

    /** A one-replica etcd CounterApp with {@code etcdFields} indented under {@code etcd:}. */
    private static Kubectl.Result applyEtcd(String name, String etcdFields) {
        return applyInline(
                        """
                        apiVersion: counter.dev/v1alpha1
                        kind: CounterApp
                        metadata:
                          name: %s
                        spec:
                          backend: etcd
                          replicas: 1
                          etcd:
                            %s
                        """
                                .formatted(name, etcdFields));
    }

    private static Kubectl.Result applyInline(String yaml) {
        return E2eCluster.kubectl().exec(yaml, "apply", "--server-side", "-n", NS, "-f", "-");
    }

    /** The OpenAPI of a new CRD is published a few seconds after it is Established. */
    @Test
    void kubectlExplainDescribesTheKindAndItsFields() {
        await("kubectl explain counterapp")
                .atMost(Cluster.TIMEOUT)
                .until(() -> E2eCluster.kubectl().exec(null, "explain", "counterapp").ok());
        assertThat(E2eCluster.kubectl().run("explain", "counterapp"))
                .contains("KIND:       CounterApp", "A counter HTTP service");
        assertThat(E2eCluster.kubectl().run("explain", "counterapp.spec"))
                .contains("backend", "Where the counter value is kept", "replicas", "etcd");
    }

    @Test
    void kubectlGetPrintsTheColumnsInOrderWithAgeLast() {
        Cluster.awaitReady(NS, "counter-memory");
        String table = E2eCluster.kubectl().run("get", "counterapps", "-n", NS);
        assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "BACKEND", "REPLICAS", "READY", "PHASE", "REASON", "AGE");
        assertThat(table)
                .containsPattern(
                        "counter-memory\\s+memory\\s+1\\s+1\\s+Ready\\s+AllReplicasReady\\s+\\d+s");
        String wide = E2eCluster.kubectl().run("get", "counter", "-n", NS, "-o", "wide");
        assertThat(wide.lines().findFirst().orElseThrow()).endsWith("AGE   ENDPOINT");
        assertThat(wide).contains("http://counter-memory." + NS + ".svc:80");
    }

    @Test
    void kubectlScaleWorksForSharedBackendsAndIsRefusedForMemoryAboveOne() {
        E2eCluster.kubectl().run("scale", "counterapp", "counter-redis", "-n", NS, "--replicas=4");
        assertThat(Cluster.app(NS, "counter-redis").getSpec().getReplicas()).isEqualTo(4);
        E2eCluster.kubectl()
                .run("scale", "counterapp", "counter-etcd-external", "-n", NS, "--replicas=5");
        assertThat(Cluster.app(NS, "counter-etcd-external").getSpec().getReplicas()).isEqualTo(5);
        await("the redis counter Deployment scaled")
                .atMost(Cluster.TIMEOUT)
                .until(
                        () ->
                                Cluster.client()
                                                .apps()
                                                .deployments()
                                                .inNamespace(NS)
                                                .withName("counter-redis")
                                                .get()
                                                .getSpec()
                                                .getReplicas()
                                        == 4);

        Kubectl.Result refused =
                E2eCluster.kubectl()
                        .exec(
                                null,
                                "scale",
                                "counterapp",
                                "counter-memory",
                                "-n",
                                NS,
                                "--replicas=3");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains(CounterAppSpec.MEMORY_REPLICAS_MESSAGE);
        assertThat(Cluster.app(NS, "counter-memory").getSpec().getReplicas()).isEqualTo(1);
    }
}
