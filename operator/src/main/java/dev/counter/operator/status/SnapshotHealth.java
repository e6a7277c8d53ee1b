package dev.counter.operator.status;

import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.SnapshotStatus;
import dev.counter.operator.model.SnapshotsSpec;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Snapshots condition and {@code status.lastSnapshot}, from the snapshot CronJob's Jobs. A Job
 * writes {@code <job name>.db}, so the Job alone names the file.
 */
final class SnapshotHealth {

    private static final String COMPLETE = "Complete";
    private static final String FAILED = "Failed";

    private SnapshotHealth() {}

    /** The most recent finished Job, when snapshots are on. */
    static Optional<SnapshotStatus> lastSnapshot(CounterApp app, Stores stores) {
        if (!enabled(app)) {
            return Optional.empty();
        }
        return stores.snapshotJobs().stream()
                .filter(
                        job ->
                                finished(job, COMPLETE).isPresent()
                                        || finished(job, FAILED).isPresent())
                .max(
                        // RFC 3339 timestamps of one format sort as text; scheduled names break
                        // ties
                        Comparator.comparing(
                                        (Job job) -> job.getMetadata().getCreationTimestamp(),
                                        Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                                .thenComparing(job -> job.getMetadata().getName()))
                .map(job -> describe(app, job, stores));
    }

    /** When the most recent successful Job completed, when snapshots are on. */
    static Optional<Instant> lastSuccess(CounterApp app, Stores stores) {
        if (!enabled(app)) {
            return Optional.empty();
        }
        return stores.snapshotJobs().stream()
                .filter(job -> finished(job, COMPLETE).isPresent())
                .map(job -> describe(app, job, stores))
                .filter(snapshot -> Boolean.TRUE.equals(snapshot.getSucceeded()))
                .map(SnapshotStatus::getTime)
                .filter(Objects::nonNull)
                .map(Instant::parse)
                .max(Comparator.naturalOrder());
    }

    /** Present only while snapshots are on. */
    static Optional<Condition> condition(
            CounterApp app, Stores stores, Optional<SnapshotStatus> last, Instant now) {
        if (!enabled(app)) {
            return Optional.empty();
        }
        // the export gets an address even when the server's pods are refused: say why nothing works
        Optional<Condition> serverFailure = NfsServerHealth.degraded(app, stores);
        if (serverFailure.isPresent()) {
            return Optional.of(
                    new Condition(
                            ConditionTypes.SNAPSHOTS,
                            false,
                            Reasons.NFS_SERVER_FAILED,
                            serverFailure.get().getMessage()));
        }
        if (stores.nfsExport().isEmpty()) {
            return Optional.of(
                    new Condition(
                            ConditionTypes.SNAPSHOTS,
                            false,
                            Reasons.WAITING_FOR_NFS_SERVER,
                            "waiting for the NFS Service "
                                    + Names.nfsServer(app)
                                    + " to get a cluster IP; the snapshot PersistentVolume is"
                                    + " created with it"));
        }
        if (stores.snapshotCronJob().isEmpty()) {
            return Optional.of(
                    new Condition(
                            ConditionTypes.SNAPSHOTS,
                            false,
                            Reasons.SNAPSHOTS_PENDING,
                            "creating the snapshot volume on "
                                    + stores.nfsExport().get()
                                    + ", its claim and the CronJob "
                                    + Names.snapshotCronJob(app)));
        }
        Optional<SnapshotStatus> failed =
                last.filter(snapshot -> !Boolean.TRUE.equals(snapshot.getSucceeded()));
        if (failed.isPresent() && failed.get().getVerification() != null) {
            return Optional.of(
                    new Condition(
                            ConditionTypes.SNAPSHOTS,
                            false,
                            Reasons.SNAPSHOT_UNVERIFIED,
                            "the snapshot Job "
                                    + failed.get().getJob()
                                    + " completed at "
                                    + failed.get().getTime()
                                    + " but did not prove "
                                    + failed.get().getFile()
                                    + ": "
                                    + failed.get().getVerification()
                                    + "; kubectl logs job/"
                                    + failed.get().getJob()
                                    + " tells more"));
        }
        if (failed.isPresent()) {
            return Optional.of(
                    new Condition(
                            ConditionTypes.SNAPSHOTS,
                            false,
                            Reasons.LAST_SNAPSHOT_FAILED,
                            "the snapshot Job "
                                    + failed.get().getJob()
                                    + " failed at "
                                    + failed.get().getTime()
                                    + "; kubectl logs job/"
                                    + failed.get().getJob()
                                    + " tells why"));
        }
        SnapshotFreshness freshness = SnapshotFreshness.of(app, stores);
        if (freshness.staleAt(now)) {
            // the message names fixed instants only: a reconcile that changes nothing writes nothing
            return Optional.of(
                    new Condition(
                            ConditionTypes.SNAPSHOTS,
                            false,
                            Reasons.SNAPSHOT_STALE,
                            freshness.lastSuccess()
                                            .map(t -> "the last successful snapshot is from " + t)
                                            .orElse("no snapshot has succeeded yet")
                                    + "; by the schedule \""
                                    + SnapshotFreshness.schedule(app)
                                    + "\" a newer one was due before "
                                    + freshness.staleAfter().orElseThrow()
                                    + " (two intervals); kubectl get jobs -l "
                                    + Labels.ETCD_SNAPSHOT_SELECTOR
                                    + " shows the runs"));
        }
        SnapshotsSpec snapshots = Backends.snapshots(app.getSpec());
        return Optional.of(
                new Condition(
                        ConditionTypes.SNAPSHOTS,
                        true,
                        Reasons.SNAPSHOTS_SCHEDULED,
                        "CronJob %s runs \"%s\" (UTC) and keeps %d snapshots on %s"
                                .formatted(
                                        Names.snapshotCronJob(app),
                                        Objects.requireNonNullElse(
                                                snapshots.getSchedule(),
                                                SnapshotsSpec.DEFAULT_SCHEDULE),
                                        Objects.requireNonNullElse(
                                                snapshots.getRetain(),
                                                SnapshotsSpec.DEFAULT_RETAIN),
                                        stores.nfsExport().get())));
    }

    private static boolean enabled(CounterApp app) {
        return app.getSpec() != null && Backends.snapshotsEnabled(app.getSpec());
    }

    /**
     * The Job's outcome with the proof its pod's termination message holds. Once the pod is gone
     * (Job history cleanup, node loss) the status computed while it was there is kept, so a
     * snapshot that failed its proof does not turn into a success, nor lose its checksum.
     */
    private static SnapshotStatus describe(CounterApp app, Job job, Stores stores) {
        String name = job.getMetadata().getName();
        Optional<SnapshotStatus> remembered =
                Optional.ofNullable(app.getStatus())
                        .map(CounterAppStatus::getLastSnapshot)
                        .filter(last -> name.equals(last.getJob()));
        if (!stores.snapshotMessages().containsKey(name) && remembered.isPresent()) {
            return remembered.get();
        }
        var snapshot = new SnapshotStatus();
        snapshot.setJob(name);
        snapshot.setFile(name + ".db");
        Optional<JobCondition> complete = finished(job, COMPLETE);
        snapshot.setSucceeded(complete.isPresent());
        String completion = job.getStatus().getCompletionTime();
        snapshot.setTime(
                complete.isPresent() && completion != null
                        ? completion
                        : complete.or(() -> finished(job, FAILED))
                                .map(JobCondition::getLastTransitionTime)
                                .orElse(null));
        // a pod already gone (deleted, or not yet in the cache) and nothing remembered: the Job's word
        if (complete.isPresent() && stores.snapshotMessages().containsKey(name)) {
            SnapshotProof.apply(stores.snapshotMessages().get(name), snapshot)
                    .ifPresent(
                            why -> {
                                snapshot.setSucceeded(false);
                                snapshot.setVerification(why);
                            });
        }
        return snapshot;
    }

    private static Optional<JobCondition> finished(Job job, String type) {
        List<JobCondition> conditions =
                job.getStatus() == null ? null : job.getStatus().getConditions();
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }
}
