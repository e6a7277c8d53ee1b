package dev.counter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.SnapshotStatus;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotHealthTest {

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
                        SnapshotHealth.condition(app, stores, Optional.of(last))
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
        var condition = SnapshotHealth.condition(app, stores, Optional.of(last)).orElseThrow();
        assertThat(condition.isTrue()).isFalse();
        assertThat(condition.getReason()).isEqualTo(Reasons.LAST_SNAPSHOT_FAILED);
        assertThat(condition.getMessage()).contains("kubectl logs job/hits-etcd-snapshot-100");
    }

    @Test
    void withoutAnExportTheConditionSaysWhatItWaitsFor() {
        CounterApp app = withSnapshots();
        var waiting = SnapshotHealth.condition(app, Stores.none(), Optional.empty()).orElseThrow();
        assertThat(waiting.getReason()).isEqualTo(Reasons.WAITING_FOR_NFS_SERVER);
        assertThat(waiting.getMessage()).contains("hits-nfs");

        CounterApp off = CounterApps.stored("off", Backend.ETCD);
        assertThat(SnapshotHealth.condition(off, Stores.none(), Optional.empty())).isEmpty();
        assertThat(SnapshotHealth.lastSnapshot(off, Stores.none())).isEmpty();
    }

    static CounterApp withSnapshots() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        app.getSpec().getEtcd().getSnapshots().setEnabled(true);
        return app;
    }

    static Stores stores(List<Job> jobs) {
        return new Stores(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("10.0.0.1:/"),
                Optional.of(new CronJob()),
                jobs,
                Map.of());
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
