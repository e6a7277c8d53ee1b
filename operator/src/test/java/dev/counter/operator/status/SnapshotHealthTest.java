package dev.counter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.SnapshotStatus;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotHealthTest {

    /** Minutes after the jobs below: no snapshot is overdue yet. */
    private static final Instant SOON = Instant.parse("2026-01-01T00:40:00Z");

    @Test
    void noSuccessForTwoScheduleIntervalsIsStaleAndStableAcrossReconciles() {
        CounterApp app = withSnapshots();
        app.getSpec().getEtcd().getSnapshots().setSchedule("*/30 * * * *");
        Stores stores =
                stores(
                        List.of(
                                job(
                                        "hits-etcd-snapshot-130",
                                        "2026-01-01T00:30:00Z",
                                        "Complete",
                                        "2026-01-01T00:30:07Z")));
        Optional<SnapshotStatus> last = SnapshotHealth.lastSnapshot(app, stores);

        // due at 01:00 and 01:30: stale only after 00:30:07 + 2 × 30 min
        Instant justBefore = Instant.parse("2026-01-01T01:30:06Z");
        assertThat(SnapshotHealth.condition(app, stores, last, justBefore).orElseThrow().getReason())
                .isEqualTo(Reasons.SNAPSHOTS_SCHEDULED);
        Condition stale =
                SnapshotHealth.condition(app, stores, last, Instant.parse("2026-01-01T01:31:00Z"))
                        .orElseThrow();
        assertThat(stale.isTrue()).isFalse();
        assertThat(stale.getReason()).isEqualTo(Reasons.SNAPSHOT_STALE);
        assertThat(stale.getMessage())
                .contains("2026-01-01T00:30:07Z", "\"*/30 * * * *\"", "2026-01-01T01:30:07Z");
        // a later reconcile computes the same message: no status write, no second Event
        assertThat(
                        SnapshotHealth.condition(app, stores, last, Instant.parse("2026-01-01T05:00:00Z"))
                                .orElseThrow())
                .isEqualTo(stale);
    }

    @Test
    void theLastFinishedJobNamesTheFileAndRunningJobsAreIgnored() {
        CounterApp app = withSnapshots();
        Stores stores =
                stores(
                        List.of(
                                job(
                                        "hits-etcd-snapshot-100",
                                        "2026-01-01T00:00:00Z",
                                        "Complete",
                                        "2026-01-01T00:00:09Z"),
                                job(
                                        "hits-etcd-snapshot-130",
                                        "2026-01-01T00:30:00Z",
                                        "Complete",
                                        "2026-01-01T00:30:07Z"),
                                job("hits-etcd-snapshot-160", "2026-01-01T01:00:00Z", null, null)));

        SnapshotStatus last = SnapshotHealth.lastSnapshot(app, stores).orElseThrow();
        assertThat(last.getJob()).isEqualTo("hits-etcd-snapshot-130");
        assertThat(last.getFile()).isEqualTo("hits-etcd-snapshot-130.db");
        assertThat(last.getTime()).isEqualTo("2026-01-01T00:30:07Z");
        assertThat(last.getSucceeded()).isTrue();
        assertThat(
                        SnapshotHealth.condition(app, stores, Optional.of(last), SOON)
                                .orElseThrow()
                                .getReason())
                .isEqualTo(Reasons.SNAPSHOTS_SCHEDULED);
    }

    @Test
    void aFailedLastJobMakesTheConditionFalse() {
        CounterApp app = withSnapshots();
        Stores stores =
                stores(
                        List.of(
                                job(
                                        "hits-etcd-snapshot-100",
                                        "2026-01-01T00:00:00Z",
                                        "Failed",
                                        "2026-01-01T00:02:00Z")));

        SnapshotStatus last = SnapshotHealth.lastSnapshot(app, stores).orElseThrow();
        assertThat(last.getSucceeded()).isFalse();
        assertThat(last.getTime()).isEqualTo("2026-01-01T00:02:00Z");
        var condition = SnapshotHealth.condition(app, stores, Optional.of(last), SOON).orElseThrow();
        assertThat(condition.isTrue()).isFalse();
        assertThat(condition.getReason()).isEqualTo(Reasons.LAST_SNAPSHOT_FAILED);
        assertThat(condition.getMessage()).contains("kubectl logs job/hits-etcd-snapshot-100");
    }

    @Test
    void withoutAnExportTheConditionSaysWhatItWaitsFor() {
        CounterApp app = withSnapshots();
        var waiting = SnapshotHealth.condition(app, Stores.none(), Optional.empty(), SOON).orElseThrow();
        assertThat(waiting.getReason()).isEqualTo(Reasons.WAITING_FOR_NFS_SERVER);
        assertThat(waiting.getMessage()).contains("hits-nfs");

        CounterApp off = CounterApps.stored("off", Backend.ETCD);
        assertThat(SnapshotHealth.condition(off, Stores.none(), Optional.empty(), SOON)).isEmpty();
        assertThat(SnapshotHealth.lastSnapshot(off, Stores.none())).isEmpty();
    }

    @Test
    void whatThePodProvedIsKeptOnceThePodIsGone() {
        Job done =
                job("hits-etcd-snapshot-100", "2026-01-01T00:00:00Z", "Complete", "2026-01-01T00:00:09Z");
        String proof = "{\"file\":\"hits-etcd-snapshot-100.db\",\"size\":20512,\"sha256\":\""
                + "ab".repeat(32) + "\",\"hash\":1,\"revision\":7,\"totalKeys\":3,\"totalSize\":20480}";
        String noProof = "etcdutl: snapshot file has wrong hash";

        for (String message : List.of(proof, noProof)) {
            CounterApp app = withSnapshots();
            SnapshotStatus whilePodLived = describedWithItsPod(app, done, message);
            app.setStatus(new CounterAppStatus());
            app.getStatus().setLastSnapshot(whilePodLived);

            // the Job's history limit or a node loss took the pod: its proof is not there to read again
            SnapshotStatus afterPodGone =
                    SnapshotHealth.lastSnapshot(app, stores(List.of(done))).orElseThrow();
            assertThat(afterPodGone).isEqualTo(whilePodLived);
        }
        CounterApp app = withSnapshots();
        app.setStatus(new CounterAppStatus());
        app.getStatus().setLastSnapshot(describedWithItsPod(app, done, noProof));
        SnapshotStatus failed = SnapshotHealth.lastSnapshot(app, stores(List.of(done))).orElseThrow();
        assertThat(failed.getSucceeded()).isFalse();
        assertThat(failed.getVerification()).contains("not the snapshot's JSON proof");
        assertThat(SnapshotHealth.lastSuccess(app, stores(List.of(done)))).isEmpty();

        // a later Job is described from its own pod, not from what is remembered of another
        Job next =
                job("hits-etcd-snapshot-130", "2026-01-01T00:30:00Z", "Complete", "2026-01-01T00:30:07Z");
        assertThat(SnapshotHealth.lastSnapshot(app, stores(List.of(done, next))).orElseThrow().getJob())
                .isEqualTo("hits-etcd-snapshot-130");
    }

    private static SnapshotStatus describedWithItsPod(CounterApp app, Job job, String message) {
        Stores withPod = withMessages(List.of(job), Map.of(job.getMetadata().getName(), message));
        return SnapshotHealth.lastSnapshot(app, withPod).orElseThrow();
    }

    static CounterApp withSnapshots() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        app.getSpec().getEtcd().getSnapshots().setEnabled(true);
        return app;
    }

    static Stores stores(List<Job> jobs) {
        return withMessages(jobs, Map.of());
    }

    static Stores withMessages(List<Job> jobs, Map<String, String> snapshotMessages) {
        return new Stores(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("10.0.0.1:/"),
                Optional.of(new CronJob()),
                jobs,
                Map.of(),
                snapshotMessages);
    }

    static Job job(String name, String created, String outcome, String finished) {
        var job =
                new JobBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withCreationTimestamp(created)
                        .endMetadata()
                        .withNewStatus()
                        .withStartTime(created)
                        .endStatus();
        if (outcome != null) {
            job.editStatus()
                    .withCompletionTime(outcome.equals("Complete") ? finished : null)
                    .addNewCondition()
                    .withType(outcome)
                    .withStatus("True")
                    .withLastTransitionTime(finished)
                    .endCondition()
                    .endStatus();
        }
        return job.build();
    }
}
