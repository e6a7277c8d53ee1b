package dev.counter.operator.status;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.SnapshotsSpec;
import dev.counter.operator.workload.Backends;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * How old an app's snapshots may get: stale once the last successful one is older than two
 * intervals of the CronJob's schedule. The interval is the gap between the two runs the schedule
 * has after that snapshot, so irregular schedules ("0 2,14 * * *") are judged by the gap that
 * applies. Before the first success, the CronJob's creation is the reference: a schedule that never
 * succeeds becomes stale too.
 *
 * @param lastSuccess when the most recent successful snapshot Job completed
 * @param staleAfter from when on the snapshots are stale; empty without snapshots (or before the
 *     CronJob exists)
 */
public record SnapshotFreshness(Optional<Instant> lastSuccess, Optional<Instant> staleAfter) {

    private static final CronParser UNIX_CRON =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    public static SnapshotFreshness none() {
        return new SnapshotFreshness(Optional.empty(), Optional.empty());
    }

    public static SnapshotFreshness of(CounterApp app, Stores stores) {
        if (app.getSpec() == null || !Backends.snapshotsEnabled(app.getSpec())) {
            return none();
        }
        Optional<Instant> lastSuccess = SnapshotHealth.lastSuccess(app, stores);
        Optional<Instant> reference =
                lastSuccess.or(
                        () ->
                                stores.snapshotCronJob()
                                        .map(job -> job.getMetadata().getCreationTimestamp())
                                        .filter(Objects::nonNull)
                                        .map(Instant::parse));
        return new SnapshotFreshness(
                lastSuccess, reference.flatMap(from -> staleAfter(schedule(app), from)));
    }

    /** The snapshot CronJob's schedule, the CRD default when absent. */
    static String schedule(CounterApp app) {
        return Objects.requireNonNullElse(
                Backends.snapshots(app.getSpec()).getSchedule(), SnapshotsSpec.DEFAULT_SCHEDULE);
    }

    /** Whether the snapshots are stale at {@code now}. */
    public boolean staleAt(Instant now) {
        return staleAfter.filter(now::isAfter).isPresent();
    }

    /** Empty for a schedule cron-utils cannot read; the CRD's pattern lets such strings through. */
    static Optional<Instant> staleAfter(String schedule, Instant reference) {
        ExecutionTime runs;
        try {
            runs = ExecutionTime.forCron(UNIX_CRON.parse(schedule));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // the snapshot CronJob runs in Etc/UTC (its spec.timeZone)
        ZonedDateTime from = reference.atZone(ZoneOffset.UTC);
        return runs.nextExecution(from)
                .flatMap(
                        first ->
                                runs.nextExecution(first)
                                        .map(second -> Duration.between(first, second)))
                .map(interval -> reference.plus(interval.multipliedBy(2)));
    }
}
