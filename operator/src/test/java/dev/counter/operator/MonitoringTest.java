package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.counter.operator.config.OperatorConfig;
import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.Phase;
import dev.counter.operator.monitoring.AlertRules;
import dev.counter.operator.monitoring.CounterAppMetrics;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.testing.Lookups;
import dev.counter.operator.testing.OperatorHarness;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ServiceMonitor and PrometheusRule exist exactly where the Prometheus Operator's CRDs do and
 * {@code spec.monitoring} wants them; the per-app gauges follow the status and leave with the app.
 */
class MonitoringTest {

    /** JOSDK caches each CRD's presence in a static map: every test sees its own cluster. */
    @BeforeEach
    void forgetCrdChecks() {
        CRDPresentActivationCondition.clearState();
    }

    @Test
    void withoutTheCrdsNothingIsMadeOrWatchedAndTheAppBecomesReady() {
        try (OperatorHarness harness = OperatorHarness.start()) {
            KubernetesClient client = harness.cluster().client();
            client.resource(CounterApps.newApp("plain", Backend.MEMORY)).create();
            Await.until("deployment", () -> Lookups.deployment(client, "plain") != null);
            DeploymentStatuses.write(client, "plain", g -> DeploymentStatuses.rolledOut(g, 1));
            Await.until("ready", () -> Lookups.phase(client, "plain") == Phase.Ready);

            assertThat(harness.cluster().requests().since(0))
                    .extracting(r -> r.method() + " " + r.path())
                    .as("the CRD was looked up, the kinds never touched")
                    .anyMatch(r -> r.contains("customresourcedefinitions/servicemonitors."))
                    .noneMatch(r -> r.contains("/monitoring.coreos.com/"));
        }
    }

    @Test
    void crdsInstalledLaterAreFoundWithoutARestart() {
        // a Redis CounterApp is reconciled again every second here, so the CRD is looked up again
        try (OperatorHarness harness =
                OperatorHarness.start(Map.of(OperatorConfig.COUNTER_STATE_REFRESH_SECONDS, "1"))) {
            KubernetesClient client = harness.cluster().client();
            client.resource(CounterApps.newApp("late", Backend.REDIS)).create();
            Await.until(
                    "the CRD looked up and found missing",
                    () ->
                            harness.cluster().requests().since(0).stream()
                                    .anyMatch(
                                            r ->
                                                    r.path()
                                                            .contains(
                                                                    "customresourcedefinitions/"
                                                                            + "servicemonitors.")));
            assertThat(get(client, ServiceMonitor.class, "late")).isNull();

            harness.cluster().installCrdOf(ServiceMonitor.class);
            harness.cluster().installCrdOf(PrometheusRule.class);
            // JOSDK looks again 10 s after its last check: within Await's 20 s
            await(client, ServiceMonitor.class, "late");
            await(client, PrometheusRule.class, "late");
        }
    }

    @Test
    void withTheCrdsTheServiceMonitorSelectsOnlyTheCounterServiceAndTheRuleNamesTheApp() {
        try (OperatorHarness harness = withMonitoringCrds()) {
            KubernetesClient client = harness.cluster().client();
            CounterApp app = CounterApps.newApp("watched", Backend.REDIS);
            app.getSpec().getMonitoring().setLabels(Map.of("release", "prometheus"));
            app.getSpec().getMonitoring().setInterval("15s");
            CounterApp created = client.resource(app).create();

            ServiceMonitor monitor = await(client, ServiceMonitor.class, "watched");
            Service counter = awaitService(client, "watched");
            Service redis = awaitService(client, "watched-redis");
            Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
            assertThat(counter.getMetadata().getLabels()).containsAllEntriesOf(selector);
            assertThat(redis.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .as("the Redis Service is not scraped")
                    .isFalse();
            assertThat(monitor.getSpec().getEndpoints())
                    .extracting(Endpoint::getPort, Endpoint::getPath, Endpoint::getInterval)
                    .containsExactly(tuple("http", "/metrics", "15s"));

            PrometheusRule rule = await(client, PrometheusRule.class, "watched");
            String groups = Serialization.asJson(rule.getSpec().getGroups());
            assertThat(groups)
                    .contains("namespace=\\\"counters\\\",service=\\\"watched\\\"")
                    .doesNotContain(AlertRules.SELECTOR, AlertRules.APP_SELECTOR);

            for (HasMetadata object : new HasMetadata[] {monitor, rule}) {
                assertThat(object.getMetadata().getLabels())
                        .containsEntry("release", "prometheus")
                        .containsEntry(Labels.INSTANCE, "watched")
                        .containsEntry(Labels.MANAGED_BY, Labels.OPERATOR);
                assertThat(object.getMetadata().getOwnerReferences())
                        .singleElement()
                        .satisfies(
                                ref ->
                                        assertThat(ref.getUid())
                                                .isEqualTo(created.getMetadata().getUid()));
            }
        }
    }

    @Test
    void switchingAlertsAndThenMonitoringOffDeletesTheRuleAndThenTheServiceMonitor() {
        try (OperatorHarness harness = withMonitoringCrds()) {
            KubernetesClient client = harness.cluster().client();
            client.resource(CounterApps.newApp("toggled", Backend.MEMORY)).create();
            await(client, ServiceMonitor.class, "toggled");
            await(client, PrometheusRule.class, "toggled");

            CounterApps.edit(client, "toggled", app -> app.getSpec().getMonitoring().setAlerts(false));
            Await.until("rule deleted", () -> get(client, PrometheusRule.class, "toggled") == null);
            assertThat(get(client, ServiceMonitor.class, "toggled")).isNotNull();

            CounterApps.edit(
                    client, "toggled", app -> app.getSpec().getMonitoring().setEnabled(false));
            Await.until(
                    "service monitor deleted",
                    () -> get(client, ServiceMonitor.class, "toggled") == null);
            assertThat(service(client, "toggled")).as("the Service stays").isNotNull();
        }
    }

    @Test
    void monitoringOffFromTheStartMakesNothing() {
        try (OperatorHarness harness = withMonitoringCrds()) {
            KubernetesClient client = harness.cluster().client();
            CounterApp app = CounterApps.newApp("unmonitored", Backend.MEMORY);
            app.getSpec().getMonitoring().setEnabled(false);
            client.resource(app).create();
            // the ConfigMap comes first in the workflow, the Service with the monitoring objects
            awaitService(client, "unmonitored");
            Await.until(
                    "status written", () -> Lookups.phase(client, "unmonitored") != null);
            assertThat(get(client, ServiceMonitor.class, "unmonitored")).isNull();
            assertThat(get(client, PrometheusRule.class, "unmonitored")).isNull();
        }
    }

    @Test
    void theAppsGaugesFollowItsStatusAndVanishWithIt() {
        try (OperatorHarness harness = OperatorHarness.start()) {
            KubernetesClient client = harness.cluster().client();
            client.resource(CounterApps.newApp("measured", Backend.MEMORY)).create();
            Await.until("pending", () -> gauge(harness.meters(), "Pending") == 1.0);
            assertThat(readyGauge(harness.meters())).isZero();

            Await.until("deployment", () -> Lookups.deployment(client, "measured") != null);
            DeploymentStatuses.write(client, "measured", g -> DeploymentStatuses.rolledOut(g, 1));
            Await.until("ready gauge", () -> readyGauge(harness.meters()) == 1.0);
            assertThat(gauge(harness.meters(), "Ready")).isEqualTo(1.0);
            assertThat(gauge(harness.meters(), "Pending")).isZero();
            assertThat(harness.meters().find(CounterAppMetrics.ETCD_MEMBERS).gauges())
                    .as("no etcd, no members")
                    .isEmpty();

            client.resources(CounterApp.class)
                    .inNamespace(CounterApps.NAMESPACE)
                    .withName("measured")
                    .delete();
            Await.until(
                    "series removed",
                    () ->
                            harness.meters().getMeters().stream()
                                    .noneMatch(
                                            m ->
                                                    "measured"
                                                            .equals(
                                                                    m.getId()
                                                                            .getTag(
                                                                                    CounterAppMetrics
                                                                                            .NAME_TAG))));
        }
    }

    private static OperatorHarness withMonitoringCrds() {
        OperatorHarness harness = OperatorHarness.start();
        harness.cluster().installCrdOf(ServiceMonitor.class);
        harness.cluster().installCrdOf(PrometheusRule.class);
        return harness;
    }

    private static double readyGauge(MeterRegistry meters) {
        Gauge gauge =
                meters.find(CounterAppMetrics.READY)
                        .tag(CounterAppMetrics.NAME_TAG, "measured")
                        .gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static double gauge(MeterRegistry meters, String phase) {
        Gauge gauge =
                meters.find(CounterAppMetrics.PHASE)
                        .tag(CounterAppMetrics.NAMESPACE_TAG, CounterApps.NAMESPACE)
                        .tag(CounterAppMetrics.NAME_TAG, "measured")
                        .tag(CounterAppMetrics.PHASE_TAG, phase)
                        .gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static Service awaitService(KubernetesClient client, String name) {
        Await.until("service " + name, () -> service(client, name) != null);
        return service(client, name);
    }

    private static <T extends HasMetadata> T await(
            KubernetesClient client, Class<T> kind, String name) {
        Await.until(kind.getSimpleName() + " " + name, () -> get(client, kind, name) != null);
        return get(client, kind, name);
    }

    private static <T extends HasMetadata> T get(
            KubernetesClient client, Class<T> kind, String name) {
        return client.resources(kind).inNamespace(CounterApps.NAMESPACE).withName(name).get();
    }
}
