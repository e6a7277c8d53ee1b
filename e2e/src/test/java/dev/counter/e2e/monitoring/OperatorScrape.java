package dev.counter.e2e.monitoring;

import static org.awaitility.Awaitility.await;

import dev.counter.operator.OperatorMain;
import dev.counter.operator.RunningOperator;
import dev.counter.operator.StartupException;
import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.NfsSpec;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.MockCluster;
import dev.counter.operator.testing.SnapshotJobs;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.Http;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;

/**
 * The operator's {@code /metrics}, the operator started as its process starts ({@link
 * OperatorMain}) on the mock API, after it reconciled the managed-etcd sample (snapshots to an external
 * NFS export), saw one snapshot Job succeed and one reconciliation fail.
 */
final class OperatorScrape {

    private static final String REFUSED = "refused";

    private OperatorScrape() {}

    static String scrape() throws StartupException {
        int port = FreePort.pick();
        try (MockCluster cluster = MockCluster.start();
                RunningOperator running =
                        OperatorMain.start(
                                Map.of(
                                        "SSA_ENABLED", "false",
                                        "OPERATOR_HTTP_PORT", Integer.toString(port),
                                        "WATCH_NAMESPACES", RuleFiles.NAMESPACE + "," + REFUSED),
                                cluster.client().getConfiguration())) {
            KubernetesClient client = cluster.client();
            refuseOneDeployment(cluster);
            client.resource(CounterApps.newApp(REFUSED, Backend.MEMORY)).inNamespace(REFUSED).create();
            CounterApp app =
                    MonitoringFiles.parse(
                            MonitoringFiles.REPOSITORY.resolve("samples/etcd-managed.yaml"),
                            CounterApp.class);
            app.getMetadata().setNamespace(RuleFiles.NAMESPACE);
            // an existing export: the bundled NFS server would wait for a cluster IP the mock never assigns
            app.getSpec().getEtcd().getSnapshots().setNfs(new NfsSpec("192.0.2.10", "/exports/etcd"));
            client.resource(app).create();
            await("the snapshot CronJob")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> client.batch().v1().cronjobs().inNamespace(RuleFiles.NAMESPACE)
                            .withName(RuleFiles.APP + "-etcd-snapshot").get() != null);
            SnapshotJobs.createFinished(
                    client, RuleFiles.NAMESPACE, RuleFiles.APP, RuleFiles.APP + "-etcd-snapshot-29410000", "Complete");
            await("the snapshot in the status")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        CounterApp current = CounterApps.get(client, RuleFiles.APP);
                        return current.getStatus() != null && current.getStatus().getLastSnapshot() != null;
                    });
            Http http = new Http(running.httpPort());
            await("a failed reconciliation")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> http.get("/metrics").body().contains("operator_sdk_reconciliations_failed_total{"));
            return http.get("/metrics").body();
        }
    }

    /**
     * JOSDK creates its failure counters at the first failure: the API server refuses the first
     * Deployment of the namespace {@link #REFUSED} once, as it would an invalid object.
     */
    private static void refuseOneDeployment(MockCluster cluster) {
        cluster.server()
                .expect()
                .post()
                .withPath("/apis/apps/v1/namespaces/" + REFUSED + "/deployments")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid").withMessage("refused").build())
                .once();
    }
}
