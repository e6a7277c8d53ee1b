package dev.counter.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.counter.meters.StandardMeters;
import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.MockCluster;
import dev.counter.testkit.MetricsLint;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process's startup path, in-process against the mock API. */
class OperatorMainTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsTheOperatorWithItsHttpEndpoints() throws Exception {
        int port = freePort();
        try (MockCluster cluster = MockCluster.start();
                RunningOperator running =
                        OperatorMain.start(
                                Map.of(
                                        "SSA_ENABLED",
                                        "false",
                                        "OPERATOR_HTTP_PORT",
                                        String.valueOf(port),
                                        "WATCH_NAMESPACES",
                                        CounterApps.NAMESPACE),
                                cluster.client().getConfiguration())) {
            assertThat(running.httpPort()).isEqualTo(port);
            assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

            cluster.client().resource(CounterApps.newApp("hits", Backend.MEMORY)).create();
            Await.until(
                    "reconciled",
                    () -> {
                        CounterApp app =
                                cluster.client()
                                        .resources(CounterApp.class)
                                        .inNamespace(CounterApps.NAMESPACE)
                                        .withName("hits")
                                        .get();
                        return app.getStatus() != null
                                && app.getStatus().getObservedGeneration() != null;
                    });

            // Prometheus' own parser and promlint, HELP and TYPE on every family, none twice
            Map<String, String> families =
                    MetricsLint.assertClean(
                            get(port, "/metrics").body(), StandardMeters.ACCEPTED_LINT_FINDINGS);
            assertThat(families)
                    .containsEntry("operator_sdk_reconciliations_success_total", "counter")
                    .containsKeys(
                            "operator_sdk_reconciliations_started_total",
                            "operator_sdk_events_received_total",
                            "jvm_memory_used_bytes",
                            "jvm_threads_live_threads",
                            "process_cpu_usage",
                            "process_uptime_seconds",
                            "process_files_open_files",
                            "process_files_max_files",
                            "process_cpu_seconds_total",
                            "process_resident_memory_bytes");
        }
    }

    @Test
    void anUnusableVariableIsAConfigurationError() {
        assertThatThrownBy(
                        () -> OperatorMain.start(Map.of("LEADER_ELECTION", "maybe"), unreachable()))
                .isInstanceOfSatisfying(
                        StartupException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(2);
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "invalid LEADER_ELECTION='maybe': expected true or"
                                                + " false");
                        });
    }

    @Test
    void noReachableClusterIsReportedInOneLine() {
        assertThatThrownBy(() -> OperatorMain.start(Map.of(), unreachable()))
                .isInstanceOfSatisfying(
                        StartupException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(1);
                            assertThat(e.getMessage())
                                    .startsWith(
                                            "cannot reach the Kubernetes API at"
                                                + " https://127.0.0.1:1/")
                                    .doesNotContain("\n");
                        });
    }

    @Test
    void leaderElectionWithoutANamespaceIsAConfigurationError() {
        try (MockCluster cluster = MockCluster.start()) {
            Config withoutNamespace =
                    new ConfigBuilder(cluster.client().getConfiguration())
                            .withNamespace(null)
                            .build();
            assertThatThrownBy(
                            () ->
                                    OperatorMain.start(
                                            Map.of("LEADER_ELECTION", "true"), withoutNamespace))
                    .isInstanceOfSatisfying(
                            StartupException.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(2);
                                assertThat(e.getMessage()).contains("POD_NAMESPACE");
                            });
        }
    }

    private static Config unreachable() {
        return new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
