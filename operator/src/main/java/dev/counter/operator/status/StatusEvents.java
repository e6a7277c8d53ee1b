package dev.counter.operator.status;

import dev.counter.operator.events.EventRecorder;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterAppStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Events a status change deserves: a condition that went bad or recovered, not every small
 * change (Progressing is left out: the Created/Updated events already tell about rollouts).
 */
public final class StatusEvents {

    /** An Event to record. */
    public record StatusEvent(EventRecorder.Type type, String reason, String message) {}

    private StatusEvents() {}

    public static List<StatusEvent> between(CounterAppStatus previous, CounterAppStatus next) {
        var events = new ArrayList<StatusEvent>();
        // Valid first: when the spec is refused, that is what the user must read.
        for (String type :
                List.of(
                        ConditionTypes.VALID,
                        ConditionTypes.DEGRADED,
                        ConditionTypes.READY,
                        ConditionTypes.SNAPSHOTS,
                        ConditionTypes.COUNTER_STATE)) {
            Optional<Condition> before =
                    Optional.ofNullable(previous).flatMap(status -> status.condition(type));
            next.condition(type)
                    .filter(after -> deservesEvent(before, after))
                    .map(
                            after ->
                                    new StatusEvent(
                                            eventType(after),
                                            after.getReason(),
                                            after.getMessage()))
                    .ifPresent(events::add);
        }
        return events;
    }

    private static boolean deservesEvent(Optional<Condition> before, Condition after) {
        if (before.isEmpty()) {
            // a new CounterApp: only news that matters (refused, failing, or ready)
            return isBad(after) || (after.getType().equals(ConditionTypes.READY) && after.isTrue());
        }
        boolean statusChanged = !Objects.equals(before.get().getStatus(), after.getStatus());
        boolean reasonChanged = !Objects.equals(before.get().getReason(), after.getReason());
        return statusChanged || (isBad(after) && reasonChanged);
    }

    private static boolean isBad(Condition condition) {
        return switch (condition.getType()) {
            case ConditionTypes.VALID -> !condition.isTrue();
            case ConditionTypes.DEGRADED -> condition.isTrue();
            // waiting for the NFS server is normal at creation; a failed backup is not
            case ConditionTypes.SNAPSHOTS ->
                    Reasons.LAST_SNAPSHOT_FAILED.equals(condition.getReason())
                            || Reasons.NFS_SERVER_FAILED.equals(condition.getReason())
                            || Reasons.SNAPSHOT_STALE.equals(condition.getReason());
            case ConditionTypes.COUNTER_STATE -> !condition.isTrue();
            default -> false;
        };
    }

    private static EventRecorder.Type eventType(Condition condition) {
        return isBad(condition) ? EventRecorder.Type.Warning : EventRecorder.Type.Normal;
    }
}
