package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.claim;
import static dev.counter.operator.testing.Lookups.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.NfsSpec;
import dev.counter.operator.model.SnapshotStatus;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.status.Reasons;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.ClusterObjects;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import dev.counter.operator.testing.RecordingDispatcher.Request;
import dev.counter.operator.testing.SnapshotJobs;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Scripts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * etcd snapshots to NFS: the bundled NFS server and an external export, the volume that waits for
 * the NFS Service's cluster IP, the CronJob, and the status read from its Jobs.
 */
class SnapshotsTest {

    private static final String NS = CounterApps.NAMESPACE;
    private static final String CLUSTER_IP = "10.96.7.7";

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @Test
    void theBundledNfsVolumeWaitsForTheServicesClusterIpAndCarriesIt() {
        CounterApp app = operator.client().resource(withSnapshots("vault", null)).create();

        Await.until("nfs service", () -> service(operator.client(), "vault-nfs") != null);
        Await.untilAsserted(
                () ->
                        assertThat(snapshotsCondition("vault").getReason())
                                .isEqualTo(Reasons.WAITING_FOR_NFS_SERVER));
        // the mock has no Service controller: no cluster IP, so no volume and nothing built on it
        assertThat(volume("counters-vault-etcd-snapshots")).isNull();
        assertThat(claim(operator.client(), "vault-etcd-snapshots")).isNull();
        assertThat(cronJob("vault-etcd-snapshot")).isNull();
        assertThat(snapshotsCondition("vault").getMessage()).contains("vault-nfs", "cluster IP");

        int mark = operator.harness().cluster().requests().count();
        operator.client()
                .services()
                .inNamespace(NS)
                .withName("vault-nfs")
                .edit(
                        service -> {
                            service.getSpec().setClusterIP(CLUSTER_IP);
                            return service;
                        });

        Await.until("snapshot volume", () -> volume("counters-vault-etcd-snapshots") != null);
        List<Request> requests = operator.harness().cluster().requests().since(0);
        int clusterIpWritten =
                indexOf(requests, mark, r -> r.path().endsWith("/services/vault-nfs"));
        int volumeCreated =
                indexOf(
                        requests,
                        mark,
                        r -> r.method().equals("POST") && r.path().endsWith("/persistentvolumes"));
        assertThat(volumeCreated).isGreaterThan(clusterIpWritten);

        PersistentVolume volume = volume("counters-vault-etcd-snapshots");
        assertThat(volume.getSpec().getNfs().getServer()).isEqualTo(CLUSTER_IP);
        assertThat(volume.getSpec().getNfs().getPath()).isEqualTo("/");
        assertThat(volume.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(volume.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
        assertThat(volume.getSpec().getClaimRef().getName()).isEqualTo("vault-etcd-snapshots");
        assertThat(volume.getSpec().getClaimRef().getNamespace()).isEqualTo(NS);
        // cluster-scoped: no owner reference to a namespaced CounterApp, JOSDK's annotations
        // instead
        assertThat(volume.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(volume.getMetadata().getAnnotations())
                .containsEntry("io.javaoperatorsdk/primary-name", "vault")
                .containsEntry("io.javaoperatorsdk/primary-namespace", NS);

        Await.until("cronjob", () -> cronJob("vault-etcd-snapshot") != null);
        PersistentVolumeClaim claim = claim(operator.client(), "vault-etcd-snapshots");
        assertThat(claim.getSpec().getVolumeName()).isEqualTo("counters-vault-etcd-snapshots");
        assertThat(claim.getSpec().getStorageClassName()).isEmpty();
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");

        CronJob cronJob = cronJob("vault-etcd-snapshot");
        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("*/30 * * * *");
        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        var pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        Container snapshot = pod.getContainers().get(0);
        assertThat(snapshot.getImage()).startsWith("quay.io/coreos/etcd:v3.5.");
        assertThat(snapshot.getCommand()).containsExactly("/tools/sh", "-c", Scripts.ETCD_SNAPSHOT);
        assertThat(value(snapshot.getEnv(), "ETCD_ENDPOINT"))
                .isEqualTo("http://vault-etcd.counters.svc:2379");
        assertThat(value(snapshot.getEnv(), "RETAIN")).isEqualTo("3");
        assertThat(value(snapshot.getEnv(), "SNAPSHOT_PREFIX")).isEqualTo("vault-etcd-snapshot");
        assertThat(pod.getInitContainers())
                .extracting(Container::getImage)
                .containsExactly("busybox:1.36.1-musl");
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .singleElement()
                .satisfies(
                        v ->
                                assertThat(v.getPersistentVolumeClaim().getClaimName())
                                        .isEqualTo("vault-etcd-snapshots"));
        assertThat(cronJob.getSpec().getJobTemplate().getMetadata().getLabels())
                .containsEntry(Labels.INSTANCE, "vault");

        Deployment server =
                operator.client().apps().deployments().inNamespace(NS).withName("vault-nfs").get();
        Container nfs = server.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(nfs.getImage()).isEqualTo("registry.k8s.io/volume-nfs:0.8");
        assertThat(nfs.getSecurityContext().getPrivileged()).isTrue();
        assertThat(server.getSpec().getStrategy().getType()).isEqualTo("Recreate");

        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(operator.client(), "vault"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counterAnd(
                                                "vault",
                                                "Service/vault-etcd",
                                                "Service/vault-etcd-peers",
                                                "ConfigMap/vault-etcd-members",
                                                "StatefulSet/vault-etcd",
                                                "PodDisruptionBudget/vault-etcd",
                                                "PersistentVolumeClaim/vault-nfs-data",
                                                "Deployment/vault-nfs",
                                                "Service/vault-nfs",
                                                "PersistentVolume/counters-vault-etcd-snapshots",
                                                "PersistentVolumeClaim/vault-etcd-snapshots",
                                                "CronJob/vault-etcd-snapshot")));
        for (var owned :
                List.of(
                        claim,
                        cronJob,
                        server,
                        service(operator.client(), "vault-nfs"),
                        claim(operator.client(), "vault-nfs-data"))) {
            assertThat(owned.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(
                            ref -> assertThat(ref.getUid()).isEqualTo(app.getMetadata().getUid()));
        }
        Await.untilAsserted(
                () ->
                        assertThat(snapshotsCondition("vault").getReason())
                                .isEqualTo(Reasons.SNAPSHOTS_SCHEDULED));
    }

    @Test
    void lastSnapshotIsReadFromTheCronJobsJobs() {
        operator.client()
                .resource(withSnapshots("ledger", new NfsSpec("192.0.2.10", "/exports/etcd")))
                .create();
        Await.until("cronjob", () -> cronJob("ledger-etcd-snapshot") != null);

        SnapshotJobs.createFinished(operator.client(), NS, "ledger", "ledger-etcd-snapshot-29410000", "Complete");
        Await.untilAsserted(
                () -> {
                    // the CronJob is created before the first status is written
                    var status = CounterApps.get(operator.client(), "ledger").getStatus();
                    assertThat(status).isNotNull();
                    SnapshotStatus last = status.getLastSnapshot();
                    assertThat(last).isNotNull();
                    assertThat(last.getFile()).isEqualTo("ledger-etcd-snapshot-29410000.db");
                    assertThat(last.getSucceeded()).isTrue();
                    assertThat(last.getTime()).isEqualTo("2026-11-23T07:30:05Z");
                });

        SnapshotJobs.createFinished(operator.client(), NS, "ledger", "ledger-etcd-snapshot-29410030", "Failed");
        Await.untilAsserted(
                () -> {
                    var status = CounterApps.get(operator.client(), "ledger").getStatus();
                    assertThat(status).isNotNull();
                    SnapshotStatus last = status.getLastSnapshot();
                    assertThat(last).isNotNull();
                    assertThat(last.getJob()).isEqualTo("ledger-etcd-snapshot-29410030");
                    assertThat(last.getSucceeded()).isFalse();
                    assertThat(snapshotsCondition("ledger").getReason())
                            .isEqualTo(Reasons.LAST_SNAPSHOT_FAILED);
                });
        Await.until(
                "warning event",
                () ->
                        Events.exists(
                                operator.client(),
                                "ledger",
                                "Warning",
                                Reasons.LAST_SNAPSHOT_FAILED));
    }

    @Test
    void lastSnapshotCarriesTheProofFromTheJobsTerminationMessage() {
        operator.client()
                .resource(withSnapshots("proven", new NfsSpec("192.0.2.10", "/exports/etcd")))
                .create();
        Await.until("cronjob", () -> cronJob("proven-etcd-snapshot") != null);
        String sha256 = "ab".repeat(32);

        SnapshotJobs.createFinished(
                operator.client(),
                NS,
                "proven",
                "proven-etcd-snapshot-29410000",
                "Complete",
                "{\"file\":\"proven-etcd-snapshot-29410000.db\",\"size\":20512,\"sha256\":\""
                        + sha256
                        + "\",\"hash\":2198150301,\"revision\":7,\"totalKeys\":3,"
                        + "\"totalSize\":20480}\n");

        Await.untilAsserted(
                () -> {
                    var status = CounterApps.get(operator.client(), "proven").getStatus();
                    assertThat(status).isNotNull();
                    SnapshotStatus last = status.getLastSnapshot();
                    assertThat(last).isNotNull();
                    assertThat(last.getSucceeded()).isTrue();
                    assertThat(last.getSize()).isEqualTo(20512L);
                    assertThat(last.getSha256()).isEqualTo(sha256);
                    assertThat(last.getEtcdHash()).isEqualTo(2198150301L);
                    assertThat(last.getRevision()).isEqualTo(7L);
                    assertThat(last.getTotalKeys()).isEqualTo(3L);
                    assertThat(last.getTotalSize()).isEqualTo(20480L);
                    assertThat(last.getVerification()).isNull();
                    // the fixed Job times are long past, so the condition may say stale: not unproven
                    assertThat(snapshotsCondition("proven").getReason())
                            .isNotIn(Reasons.SNAPSHOT_UNVERIFIED, Reasons.LAST_SNAPSHOT_FAILED);
                });
    }

    @Test
    void aCompletedJobWithAGarbledTerminationMessageIsNoGoodSnapshot() {
        operator.client()
                .resource(withSnapshots("garbled", new NfsSpec("192.0.2.10", "/exports/etcd")))
                .create();
        Await.until("cronjob", () -> cronJob("garbled-etcd-snapshot") != null);

        SnapshotJobs.createFinished(
                operator.client(),
                NS,
                "garbled",
                "garbled-etcd-snapshot-29410000",
                "Complete",
                "{\"file\": not json");

        Await.untilAsserted(
                () -> {
                    var status = CounterApps.get(operator.client(), "garbled").getStatus();
                    assertThat(status).isNotNull();
                    SnapshotStatus last = status.getLastSnapshot();
                    assertThat(last).isNotNull();
                    assertThat(last.getSucceeded()).isFalse();
                    assertThat(last.getSha256()).isNull();
                    Condition snapshots = snapshotsCondition("garbled");
                    assertThat(snapshots.getReason()).isEqualTo(Reasons.SNAPSHOT_UNVERIFIED);
                    assertThat(snapshots.getMessage())
                            .isEqualTo(
                                    "the snapshot Job garbled-etcd-snapshot-29410000 completed at"
                                            + " 2026-11-23T07:30:05Z but did not prove"
                                            + " garbled-etcd-snapshot-29410000.db: its termination"
                                            + " message is not the snapshot's JSON proof; kubectl"
                                            + " logs job/garbled-etcd-snapshot-29410000 tells more");
                });
    }

    @Test
    void anExternalExportGetsVolumeClaimAndCronJobButNoServerAndDisablingRemovesThem() {
        operator.client()
                .resource(withSnapshots("archive", new NfsSpec("192.0.2.10", "/exports/etcd")))
                .create();

        Await.until("cronjob", () -> cronJob("archive-etcd-snapshot") != null);
        PersistentVolume volume = volume("counters-archive-etcd-snapshots");
        assertThat(volume.getSpec().getNfs().getServer()).isEqualTo("192.0.2.10");
        assertThat(volume.getSpec().getNfs().getPath()).isEqualTo("/exports/etcd");
        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(operator.client(), "archive"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counterAnd(
                                                "archive",
                                                "Service/archive-etcd",
                                                "Service/archive-etcd-peers",
                                                "ConfigMap/archive-etcd-members",
                                                "StatefulSet/archive-etcd",
                                                "PodDisruptionBudget/archive-etcd",
                                                "PersistentVolume/counters-archive-etcd-snapshots",
                                                "PersistentVolumeClaim/archive-etcd-snapshots",
                                                "CronJob/archive-etcd-snapshot")));

        CounterApps.edit(
                operator.client(),
                "archive",
                app -> app.getSpec().getEtcd().getSnapshots().setEnabled(false));

        Await.until("volume deleted", () -> volume("counters-archive-etcd-snapshots") == null);
        Await.until("cronjob deleted", () -> cronJob("archive-etcd-snapshot") == null);
        Await.until(
                "claim deleted", () -> claim(operator.client(), "archive-etcd-snapshots") == null);
        Await.untilAsserted(
                () ->
                        assertThat(ClusterObjects.of(operator.client(), "archive"))
                                .containsExactlyInAnyOrderElementsOf(
                                        ClusterObjects.counterAnd(
                                                "archive",
                                                "Service/archive-etcd",
                                                "Service/archive-etcd-peers",
                                                "ConfigMap/archive-etcd-members",
                                                "StatefulSet/archive-etcd",
                                                "PodDisruptionBudget/archive-etcd")));
        Await.untilAsserted(
                () ->
                        assertThat(
                                        CounterApps.get(operator.client(), "archive")
                                                .getStatus()
                                                .condition(ConditionTypes.SNAPSHOTS))
                                .isEmpty());
    }

    @Test
    void deletingTheCounterAppDeletesTheClusterScopedVolume() {
        operator.client()
                .resource(withSnapshots("brief", new NfsSpec("192.0.2.10", "/exports/brief")))
                .create();
        Await.until("volume", () -> volume("counters-brief-etcd-snapshots") != null);

        operator.client().resources(CounterApp.class).inNamespace(NS).withName("brief").delete();

        // the mock has no garbage collector: only what the operator deletes itself disappears
        Await.until("volume deleted", () -> volume("counters-brief-etcd-snapshots") == null);
        Await.until("counterapp gone", () -> CounterApps.get(operator.client(), "brief") == null);
    }

    @Test
    void restoreFromAddsARestoringInitContainerToEveryMember() {
        CounterApp app = withSnapshots("phoenix", new NfsSpec("192.0.2.10", "/exports/phoenix"));
        app.getSpec().getEtcd().setRestoreFrom("phoenix-etcd-snapshot-29410000.db");
        operator.client().resource(app).create();

        Await.until(
                "statefulset",
                () ->
                        operator.client()
                                        .apps()
                                        .statefulSets()
                                        .inNamespace(NS)
                                        .withName("phoenix-etcd")
                                        .get()
                                != null);
        var pod =
                operator.client()
                        .apps()
                        .statefulSets()
                        .inNamespace(NS)
                        .withName("phoenix-etcd")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec();
        assertThat(pod.getInitContainers())
                .extracting(Container::getName)
                .containsExactly("install-shell-tools", "restore");
        Container restore = pod.getInitContainers().get(1);
        assertThat(restore.getCommand()).containsExactly("/tools/sh", "-c", Scripts.ETCD_RESTORE);
        assertThat(value(restore.getEnv(), "SNAPSHOT_FILE"))
                .isEqualTo("/snapshots/phoenix-etcd-snapshot-29410000.db");
        assertThat(value(restore.getEnv(), "MEMBER_NAME")).isEqualTo("$(POD_NAME)");
        assertThat(restore.getEnv().get(0).getName()).isEqualTo("POD_NAME");
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.getPersistentVolumeClaim().getClaimName())
                                    .isEqualTo("phoenix-etcd-snapshots");
                            assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
                        });
    }

    private static CounterApp withSnapshots(String name, NfsSpec nfs) {
        CounterApp app = CounterApps.newApp(name, Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.getSnapshots().setEnabled(true);
        etcd.getSnapshots().setRetain(3);
        etcd.getSnapshots().setNfs(nfs);
        app.getSpec().setEtcd(etcd);
        return app;
    }

    private static PersistentVolume volume(String name) {
        return operator.client().persistentVolumes().withName(name).get();
    }

    private static CronJob cronJob(String name) {
        return operator.client().batch().v1().cronjobs().inNamespace(NS).withName(name).get();
    }

    private static Condition snapshotsCondition(String name) {
        CounterApp app = CounterApps.get(operator.client(), name);
        return app == null || app.getStatus() == null
                ? new Condition(ConditionTypes.SNAPSHOTS, false, "NoStatus", "")
                : app.getStatus()
                        .condition(ConditionTypes.SNAPSHOTS)
                        .orElse(new Condition(ConditionTypes.SNAPSHOTS, false, "NoCondition", ""));
    }

    private static int indexOf(List<Request> requests, int from, Predicate<Request> write) {
        for (int i = from; i < requests.size(); i++) {
            if (requests.get(i).isWrite() && write.test(requests.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such write in " + requests.subList(from, requests.size()));
    }

    private static String value(List<EnvVar> env, String name) {
        return env.stream()
                .filter(e -> name.equals(e.getName()))
                .findFirst()
                .map(EnvVar::getValue)
                .orElseThrow();
    }
}
