package dev.counter.operator.monitoring;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.BackendStatus;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.Phase;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.status.SnapshotFreshness;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The operator's gauges per CounterApp ({@code counter_operator_counterapp_*}), from the status it
 * writes. Labels are {@code counterapp_namespace} and {@code counterapp}: Prometheus sets {@code
 * namespace} itself, to the operator's namespace. Gauges read the last recorded status when
 * scraped, so staleness of snapshots moves with the clock between reconciles.
 */
public final class CounterAppMetrics {

    public static final String NAMESPACE_TAG = "counterapp_namespace";
    public static final String NAME_TAG = "counterapp";
    public static final String PHASE_TAG = "phase";

    static final String PREFIX = "counter.operator.counterapp.";
    public static final String READY = PREFIX + "ready";
    public static final String PHASE = PREFIX + "phase";
    public static final String ETCD_MEMBERS = PREFIX + "etcd.members";
    public static final String ETCD_MEMBERS_READY = PREFIX + "etcd.members.ready";
    public static final String SNAPSHOT_STALE = PREFIX + "snapshot.stale";
    public static final String LAST_SNAPSHOT = PREFIX + "last.snapshot.timestamp.seconds";

    /** The HELP text of each gauge. */
    private static final Map<String, String> DESCRIPTIONS =
            Map.of(
                    READY, "1 while the CounterApp's Ready condition is true, else 0",
                    PHASE, "1 for the CounterApp's current phase (status.phase), 0 for the others",
                    ETCD_MEMBERS, "Members of the etcd cluster the operator runs for the CounterApp",
                    ETCD_MEMBERS_READY, "Ready members of the etcd cluster the operator runs",
                    SNAPSHOT_STALE,
                            "1 once the last successful etcd snapshot is older than two schedule"
                                    + " intervals, else 0",
                    LAST_SNAPSHOT,
                            "When the last successful etcd snapshot Job completed, in Unix seconds");

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<ResourceID, AppGauges> apps = new ConcurrentHashMap<>();

    public CounterAppMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** What one app's gauges read: the last status written and its snapshots' freshness. */
    private record Reading(CounterAppStatus status, SnapshotFreshness snapshots) {

        boolean ready() {
            return status.condition(ConditionTypes.READY).filter(c -> c.isTrue()).isPresent();
        }

        Optional<BackendStatus> managedEtcd() {
            return Optional.ofNullable(status.getBackend())
                    .filter(b -> b.getType() == Backend.ETCD && Boolean.TRUE.equals(b.getManaged()));
        }
    }

    /** One app's gauges, each registered once and removed when its series should vanish. */
    private final class AppGauges {
        final Tags tags;
        volatile Reading reading;
        final Map<String, Meter> meters = new LinkedHashMap<>();

        AppGauges(Tags tags) {
            this.tags = tags;
        }

        synchronized void update(Reading next) {
            reading = next;
            Map<String, Meter> wanted = new LinkedHashMap<>();
            keep(wanted, READY, Tags.empty(), r -> r.ready() ? 1 : 0);
            for (Phase phase : Phase.values()) {
                keep(
                        wanted,
                        PHASE,
                        Tags.of(PHASE_TAG, phase.name()),
                        r -> r.status().getPhase() == phase ? 1 : 0);
            }
            if (next.managedEtcd().isPresent()) {
                keep(wanted, ETCD_MEMBERS, Tags.empty(), r -> count(r, BackendStatus::getMembers));
                keep(
                        wanted,
                        ETCD_MEMBERS_READY,
                        Tags.empty(),
                        r -> count(r, BackendStatus::getReadyMembers));
            }
            if (next.snapshots().staleAfter().isPresent()) {
                keep(
                        wanted,
                        SNAPSHOT_STALE,
                        Tags.empty(),
                        r -> r.snapshots().staleAt(clock.instant()) ? 1 : 0);
            }
            if (next.snapshots().lastSuccess().isPresent()) {
                keep(
                        wanted,
                        LAST_SNAPSHOT,
                        Tags.empty(),
                        r ->
                                r.snapshots()
                                        .lastSuccess()
                                        .map(t -> t.toEpochMilli() / 1000.0)
                                        .orElse(Double.NaN));
            }
            meters.keySet().stream()
                    .filter(key -> !wanted.containsKey(key))
                    .toList()
                    .forEach(key -> registry.remove(meters.remove(key)));
            meters.putAll(wanted);
        }

        private void keep(
                Map<String, Meter> wanted,
                String name,
                Tags extra,
                ToDoubleFunction<Reading> value) {
            String key = name + extra;
            Meter meter = meters.get(key);
            if (meter == null) {
                meter =
                        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.reading))
                                .description(DESCRIPTIONS.get(name))
                                .tags(tags.and(extra))
                                .strongReference(true)
                                .register(registry);
            }
            wanted.put(key, meter);
        }

        synchronized void removeAll() {
            meters.values().forEach(registry::remove);
            meters.clear();
        }
    }

    /** Sets the app's gauges to the status the reconciler computed. */
    public void record(CounterApp app, CounterAppStatus status, SnapshotFreshness snapshots) {
        ObjectMeta meta = app.getMetadata();
        apps.computeIfAbsent(
                        ResourceID.fromResource(app),
                        id ->
                                new AppGauges(
                                        Tags.of(
                                                NAMESPACE_TAG,
                                                meta.getNamespace(),
                                                NAME_TAG,
                                                meta.getName())))
                .update(new Reading(status, snapshots));
    }

    /** Removes every series of a deleted app. */
    public void remove(CounterApp app) {
        AppGauges gauges = apps.remove(ResourceID.fromResource(app));
        if (gauges != null) {
            gauges.removeAll();
        }
    }

    private static double count(
            Reading reading, Function<BackendStatus, Integer> field) {
        return reading.managedEtcd().map(field).map(Integer::doubleValue).orElse(0.0);
    }
}
