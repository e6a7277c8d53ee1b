package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.MonitoringSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Prometheus Operator's released CRDs are installed (see {@link Installation}): the operator's
 * ServiceMonitor and PrometheusRule pass the real API server's schema validation, select what they
 * should, stay unchanged at steady state and follow {@code spec.monitoring}; the operator's own
 * gauges of the app appear on its {@code /metrics} and leave with the app.
 */
@Order(5)
@ExtendWith(E2eCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringE2eTest {

    private static final String NS = "monitoring";
    private static final String APP = "counter-watched";
    private static final String READY_SERIES =
            "counter_operator_counterapp_ready{counterapp=\"%s\",counterapp_namespace=\"%s\"} 1.0"
                    .formatted(APP, NS);

    @BeforeAll
    static void managedRedisWithPrometheusLabels() {
        Cluster.createNamespace(NS, Map.of());
        Cluster.apply(
                        NS,
                        """
                apiVersion: counter.dev/v1alpha1
                kind: CounterApp
                metadata:
                  name: %s
                spec:
                  backend: redis
                  replicas: 2
                  monitoring:
                    interval: 15s
                    labels:
                      release: kube-prometheus-stack
                """
                        .formatted(APP))
                .orFail(List.of("apply", APP));
        Cluster.awaitReady(NS, APP);
    }

    @Test
    @Order(1)
    void theServiceMonitorAsStoredSelectsOnlyTheCounterService() {
        ServiceMonitor monitor = awaitObject(ServiceMonitor.class);
        assertThat(monitor.getMetadata().getLabels())
                .containsEntry("release", "kube-prometheus-stack")
                .containsEntry("app.kubernetes.io/instance", APP);
        assertThat(monitor.getSpec().getEndpoints())
                .extracting(Endpoint::getPort, Endpoint::getPath, Endpoint::getInterval)
                .containsExactly(tuple("http", "/metrics", "15s"));
        // the API server evaluates the selector: the counter Service, not the Redis one
        List<Service> selected =
                Cluster.client()
                        .services()
                        .inNamespace(NS)
                        .withLabels(monitor.getSpec().getSelector().getMatchLabels())
                        .list()
                        .getItems();
        assertThat(selected).extracting(s -> s.getMetadata().getName()).containsExactly(APP);
        assertThat(Cluster.client().services().inNamespace(NS).list().getItems())
                .extracting(s -> s.getMetadata().getName())
                .contains(APP + "-redis");
        assertThat(selected.get(0).getSpec().getPorts())
                .extracting(p -> p.getName())
                .contains("http");
    }

    @Test
    @Order(2)
    void theRuleAsStoredNamesTheAppsSeries() {
        PrometheusRule rule = awaitObject(PrometheusRule.class);
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(rule.getSpec().getGroups()).isNotEmpty();
        assertThat(rule.getSpec().getGroups())
                .flatExtracting(g -> g.getRules())
                .allSatisfy(
                        r ->
                                assertThat(r.getExpr().getStrVal())
                                        .doesNotContain("__SELECTOR__", "__APP_SELECTOR__"))
                .anySatisfy(
                        r ->
                                assertThat(r.getExpr().getStrVal())
                                        .contains(
                                                "namespace=\"%s\",service=\"%s\""
                                                        .formatted(NS, APP)));
    }

    @Test
    @Order(3)
    void bothStayUnchangedAcrossPeriodicReconciles() {
        Map<String, String> before = resourceVersions();
        assertThat(before).hasSize(2);
        // Redis CounterApps are reconciled again every 30 s: a window that holds one
        await("no monitoring object changes")
                .during(Duration.ofSeconds(35))
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(resourceVersions()).isEqualTo(before));
    }

    @Test
    @Order(4)
    void theOperatorExportsTheAppsReadyGauge() {
        await("the leader's gauge of " + APP)
                .atMost(Cluster.TIMEOUT)
                .until(() -> E2eCluster.operator().metrics().contains(READY_SERIES));
    }

    /** What make deploy-monitoring applies passes the real schemas too. */
    @Test
    @Order(5)
    void theOperatorsOwnMonitoringApplies() {
        Kubectl.Result applied =
                E2eCluster.kubectl()
                        .exec(
                                null,
                                "apply",
                                "--server-side",
                                "-k",
                                Installation.repository()
                                        .resolve("operator/deploy/monitoring")
                                        .toString());
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
        assertThat(
                        Cluster.client()
                                .resources(ServiceMonitor.class)
                                .inNamespace(Installation.OPERATOR_NAMESPACE)
                                .withName("counter-operator")
                                .get())
                .isNotNull();
    }

    @Test
    @Order(6)
    void theApiServerRefusesReservedLabelsAndABadInterval() {
        Kubectl.Result reserved =
                patch("{\"spec\":{\"monitoring\":{\"labels\":{\"app.kubernetes.io/name\":\"x\"}}}}");
        assertThat(reserved.exitCode()).isNotZero();
        assertThat(reserved.stderr()).contains(MonitoringSpec.RESERVED_LABELS_MESSAGE);
        Kubectl.Result interval = patch("{\"spec\":{\"monitoring\":{\"interval\":\"30\"}}}");
        assertThat(interval.exitCode()).isNotZero();
        assertThat(interval.stderr()).contains("spec.monitoring.interval", "should match");
    }

    @Test
    @Order(7)
    void alertsOffDeletesTheRuleThenMonitoringOffTheServiceMonitor() {
        assertThat(patch("{\"spec\":{\"monitoring\":{\"alerts\":false}}}").exitCode()).isZero();
        await("rule deleted").atMost(Cluster.TIMEOUT).until(() -> get(PrometheusRule.class) == null);
        assertThat(get(ServiceMonitor.class)).isNotNull();
        assertThat(patch("{\"spec\":{\"monitoring\":{\"enabled\":false}}}").exitCode()).isZero();
        await("service monitor deleted")
                .atMost(Cluster.TIMEOUT)
                .until(() -> get(ServiceMonitor.class) == null);
    }

    @Test
    @Order(8)
    void deletingTheAppRemovesItsSeries() {
        E2eCluster.kubectl().run("delete", "counterapp", APP, "-n", NS, "--wait=true");
        await("no series of " + APP)
                .atMost(Cluster.TIMEOUT)
                .until(() -> !E2eCluster.operator().metrics().contains("counterapp=\"" + APP + "\""));
    }

    private static Kubectl.Result patch(String json) {
        return E2eCluster.kubectl()
                .exec(null, "patch", "counterapp", APP, "-n", NS, "--type", "merge", "-p", json);
    }

    private static Map<String, String> resourceVersions() {
        var versions = new TreeMap<String, String>();
        for (HasMetadata object : List.of(get(ServiceMonitor.class), get(PrometheusRule.class))) {
            versions.put(Cluster.describe(object), object.getMetadata().getResourceVersion());
        }
        return versions;
    }

    private static <T extends HasMetadata> T awaitObject(Class<T> kind) {
        await(kind.getSimpleName() + " " + APP)
                .atMost(Cluster.TIMEOUT)
                .until(() -> get(kind) != null);
        return get(kind);
    }

    private static <T extends HasMetadata> T get(Class<T> kind) {
        return Cluster.client().resources(kind).inNamespace(NS).withName(APP).get();
    }
}
