package dev.counter.operator.status;

import static dev.counter.operator.status.SnapshotHealthTest.job;
import static dev.counter.operator.status.SnapshotHealthTest.stores;
import static dev.counter.operator.status.SnapshotHealthTest.withSnapshots;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotFreshnessTest {

    @Test
    void staleOnceTheLastSuccessIsOlderThanTwoIntervalsFailuresDoNotCount() {
        CounterApp app = withSnapshots(); // every 30 minutes
        Stores stores =
                stores(
                        List.of(
                                job("s-100", "2026-01-01T00:00:00Z", "Complete", "2026-01-01T00:00:09Z"),
                                job("s-130", "2026-01-01T00:30:00Z", "Failed", "2026-01-01T00:30:40Z"),
                                job("s-160", "2026-01-01T01:00:00Z", null, null)));

        SnapshotFreshness freshness = SnapshotFreshness.of(app, stores);
        assertThat(freshness.lastSuccess()).contains(Instant.parse("2026-01-01T00:00:09Z"));
        assertThat(freshness.staleAfter()).contains(Instant.parse("2026-01-01T01:00:09Z"));
        assertThat(freshness.staleAt(Instant.parse("2026-01-01T01:00:09Z"))).isFalse();
        assertThat(freshness.staleAt(Instant.parse("2026-01-01T01:00:10Z"))).isTrue();
    }

    @Test
    void theIntervalIsTheGapOfTheScheduleAfterTheSnapshot() {
        // twice a day, 02:00 and 14:00: after a 14:00 snapshot the gap is 12 hours
        assertThat(
                        SnapshotFreshness.staleAfter(
                                "0 2,14 * * *", Instant.parse("2026-01-01T14:00:05Z")))
                .contains(Instant.parse("2026-01-02T14:00:05Z"));
        assertThat(SnapshotFreshness.staleAfter("0 * * * *", Instant.parse("2026-01-01T14:00:05Z")))
                .contains(Instant.parse("2026-01-01T16:00:05Z"));
        assertThat(SnapshotFreshness.staleAfter("61 * * * *", Instant.EPOCH))
                .as("minute 61 passes the CRD's pattern, not cron")
                .isEmpty();
    }

    @Test
    void beforeTheFirstSuccessTheCronJobsCreationCounts() {
        CounterApp app = withSnapshots();
        var cronJob =
                new CronJobBuilder()
                        .withNewMetadata()
                        .withCreationTimestamp("2026-01-01T00:10:00Z")
                        .endMetadata()
                        .build();
        Stores stores =
                new Stores(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("10.0.0.1:/"),
                        Optional.of(cronJob),
                        List.of(),
                        Map.of());

        SnapshotFreshness freshness = SnapshotFreshness.of(app, stores);
        assertThat(freshness.lastSuccess()).isEmpty();
        assertThat(freshness.staleAfter()).contains(Instant.parse("2026-01-01T01:10:00Z"));
    }

    @Test
    void withoutSnapshotsNothingIsStale() {
        SnapshotFreshness freshness =
                SnapshotFreshness.of(CounterApps.stored("plain", Backend.ETCD), stores(List.of()));
        assertThat(freshness).isEqualTo(SnapshotFreshness.none());
        assertThat(freshness.staleAt(Instant.now())).isFalse();
    }
}
