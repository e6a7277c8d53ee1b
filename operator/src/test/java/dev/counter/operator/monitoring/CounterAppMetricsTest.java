package dev.counter.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.BackendStatus;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.Phase;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.status.SnapshotFreshness;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.MovingClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CounterAppMetricsTest {

    private static final String APP = "counterapp=\"hits\",counterapp_namespace=\"counters\"";

    private final MovingClock now = new MovingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CounterAppMetrics metrics = new CounterAppMetrics(registry, now);

    @Test
    void readyAndPhaseUnderTheCataloguesNamesAndLabels() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        metrics.record(app, status(Phase.Ready, true, null), SnapshotFreshness.none());

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("# TYPE counter_operator_counterapp_ready gauge")
                .contains("# HELP counter_operator_counterapp_ready 1 while the CounterApp's Ready")
                .contains("counter_operator_counterapp_ready{" + APP + "} 1.0")
                .contains("counter_operator_counterapp_phase{" + APP + ",phase=\"Ready\"} 1.0")
                .contains("counter_operator_counterapp_phase{" + APP + ",phase=\"Degraded\"} 0.0")
                .doesNotContain("etcd_members", "snapshot");
        assertThat(lines(scrape, "counter_operator_counterapp_phase{")).hasSize(Phase.values().length);

        metrics.record(app, status(Phase.Degraded, false, null), SnapshotFreshness.none());
        scrape = registry.scrape();
        assertThat(scrape)
                .contains("counter_operator_counterapp_ready{" + APP + "} 0.0")
                .contains("counter_operator_counterapp_phase{" + APP + ",phase=\"Ready\"} 0.0")
                .contains("counter_operator_counterapp_phase{" + APP + ",phase=\"Degraded\"} 1.0");
    }

    @Test
    void etcdMembersOnlyForTheClusterTheOperatorRuns() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        metrics.record(app, status(Phase.Ready, true, etcd(true, 3, 2)), SnapshotFreshness.none());
        assertThat(registry.scrape())
                .contains("counter_operator_counterapp_etcd_members{" + APP + "} 3.0")
                .contains("counter_operator_counterapp_etcd_members_ready{" + APP + "} 2.0");

        metrics.record(app, status(Phase.Ready, true, etcd(false, 3, null)), SnapshotFreshness.none());
        assertThat(registry.scrape()).doesNotContain("etcd_members");
    }

    @Test
    void stalenessMovesWithTheClockBetweenReconciles() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        Instant success = Instant.parse("2025-12-31T23:50:00Z");
        var freshness =
                new SnapshotFreshness(Optional.of(success), Optional.of(success.plusSeconds(3600)));
        metrics.record(app, status(Phase.Ready, true, etcd(true, 3, 3)), freshness);

        assertThat(registry.scrape())
                .as("every gauge has its HELP text")
                .doesNotContainPattern("(?m)^# HELP \\S+\\s*$")
                .contains("counter_operator_counterapp_snapshot_stale{" + APP + "} 0.0")
                .contains(
                        "counter_operator_counterapp_last_snapshot_timestamp_seconds{"
                                + APP
                                + "} "
                                + (double) success.getEpochSecond());
        now.set(success.plusSeconds(3601));
        assertThat(registry.scrape())
                .contains("counter_operator_counterapp_snapshot_stale{" + APP + "} 1.0");
    }

    @Test
    void removingTheAppRemovesEverySeriesAndLeavesOthers() {
        CounterApp hits = CounterApps.stored("hits", Backend.ETCD);
        CounterApp other = CounterApps.stored("other", Backend.MEMORY);
        Instant success = Instant.parse("2025-12-31T23:50:00Z");
        metrics.record(
                hits,
                status(Phase.Ready, true, etcd(true, 3, 3)),
                new SnapshotFreshness(Optional.of(success), Optional.of(success.plusSeconds(60))));
        metrics.record(other, status(Phase.Pending, false, null), SnapshotFreshness.none());

        metrics.remove(hits);
        String scrape = registry.scrape();
        assertThat(scrape).doesNotContain("counterapp=\"hits\"").contains("counterapp=\"other\"");
        metrics.remove(hits);
        metrics.record(hits, status(Phase.Pending, false, null), SnapshotFreshness.none());
        assertThat(registry.scrape()).as("a re-created app is measured again").contains(APP);
    }

    private static List<String> lines(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static CounterAppStatus status(Phase phase, boolean ready, BackendStatus backend) {
        var status = new CounterAppStatus();
        status.setPhase(phase);
        status.setConditions(
                List.of(new Condition(ConditionTypes.READY, ready, "Reason", "message")));
        status.setBackend(backend);
        return status;
    }

    private static BackendStatus etcd(boolean managed, int members, Integer ready) {
        var backend = new BackendStatus();
        backend.setType(Backend.ETCD);
        backend.setManaged(managed);
        backend.setMembers(members);
        backend.setReadyMembers(ready);
        return backend;
    }
}
