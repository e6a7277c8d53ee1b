package dev.counter.operator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;

/**
 * HELP text for JOSDK's Micrometer meters, which it registers without a description: Prometheus
 * would show an empty HELP line, which promlint reports. A meter that already has a description,
 * or one this table does not know, passes unchanged.
 */
public final class JosdkMeterHelp implements MeterFilter {

    private static final String PREFIX = "operator.sdk.";

    /** Names after {@link #PREFIX}, matched by their start, most specific first. */
    private record Help(String nameStart, String text) {}

    private static final List<Help> HELP =
            List.of(
                    new Help("reconciliations.started", "Reconciliations started."),
                    new Help("reconciliations.success", "Reconciliations that succeeded."),
                    new Help("reconciliations.failed", "Reconciliations that failed, by exception."),
                    new Help(
                            "reconciliations.retries.last",
                            "Reconciliations that were the last retry allowed."),
                    new Help("reconciliations.retries.number", "Reconciliation retries."),
                    new Help(
                            "reconciliations.executions.",
                            "Reconciliations of this controller running now."),
                    new Help(
                            "reconciliations.queue.size.",
                            "Resources of this controller waiting for a reconciliation."),
                    new Help(
                            "controllers.execution.",
                            "Controller executions (reconcile, cleanup): their time, successes and"
                                    + " failures."),
                    new Help("events.received", "Events received, by event type and action."),
                    new Help("events.delete", "Delete events received."));

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null || !id.getName().startsWith(PREFIX)) {
            return id;
        }
        String name = id.getName().substring(PREFIX.length());
        for (Help help : HELP) {
            if (name.startsWith(help.nameStart())) {
                return new Meter.Id(
                        id.getName(),
                        Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(),
                        help.text(),
                        id.getType());
            }
        }
        return id;
    }
}
