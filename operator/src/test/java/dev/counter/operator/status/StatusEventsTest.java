package dev.counter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.events.EventRecorder.Type;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.status.StatusEvents.StatusEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusEventsTest {

    private static final Condition VALID =
            new Condition(ConditionTypes.VALID, true, Reasons.SPEC_VALID, "ok");
    private static final Condition REFUSED =
            new Condition(ConditionTypes.VALID, false, "MultiReplicaMemory", "too many");
    private static final Condition NOT_READY =
            new Condition(ConditionTypes.READY, false, Reasons.REPLICAS_NOT_READY, "0/1");
    private static final Condition READY =
            new Condition(ConditionTypes.READY, true, Reasons.ALL_REPLICAS_READY, "1/1");
    private static final Condition HEALTHY =
            new Condition(ConditionTypes.DEGRADED, false, Reasons.AS_EXPECTED, "fine");
    private static final Condition CRASHING =
            new Condition(ConditionTypes.DEGRADED, true, Reasons.REPLICAS_UNAVAILABLE, "0/1");
    private static final Condition STUCK =
            new Condition(
                    ConditionTypes.DEGRADED, true, Reasons.PROGRESS_DEADLINE_EXCEEDED, "stuck");
    private static final Condition ROLLING =
            new Condition(ConditionTypes.PROGRESSING, true, Reasons.ROLLING_OUT, "1/3");
    private static final Condition ROLLED =
            new Condition(ConditionTypes.PROGRESSING, false, Reasons.ROLLOUT_COMPLETE, "3/3");

    @Test
    void aNewHealthyCounterAppIsQuiet() {
        assertThat(StatusEvents.between(null, status(VALID, NOT_READY, HEALTHY, ROLLING)))
                .isEmpty();
    }

    @Test
    void aRefusedSpecIsAWarningFromTheStart() {
        assertThat(StatusEvents.between(null, status(REFUSED, NOT_READY, HEALTHY)))
                .containsExactly(new StatusEvent(Type.Warning, "MultiReplicaMemory", "too many"));
    }

    @Test
    void transitionsAreReportedWithTheirType() {
        assertThat(
                        StatusEvents.between(
                                status(VALID, NOT_READY, HEALTHY), status(VALID, READY, HEALTHY)))
                .containsExactly(new StatusEvent(Type.Normal, Reasons.ALL_REPLICAS_READY, "1/1"));
        assertThat(
                        StatusEvents.between(
                                status(VALID, READY, HEALTHY), status(REFUSED, READY, HEALTHY)))
                .containsExactly(new StatusEvent(Type.Warning, "MultiReplicaMemory", "too many"));
        assertThat(
                        StatusEvents.between(
                                status(REFUSED, READY, HEALTHY), status(VALID, READY, HEALTHY)))
                .containsExactly(new StatusEvent(Type.Normal, Reasons.SPEC_VALID, "ok"));
        assertThat(
                        StatusEvents.between(
                                status(VALID, READY, HEALTHY), status(VALID, NOT_READY, CRASHING)))
                .containsExactly(
                        new StatusEvent(Type.Warning, Reasons.REPLICAS_UNAVAILABLE, "0/1"),
                        new StatusEvent(Type.Normal, Reasons.REPLICAS_NOT_READY, "0/1"));
    }

    @Test
    void aNewReasonForABadConditionIsReportedButProgressIsNot() {
        assertThat(
                        StatusEvents.between(
                                status(VALID, NOT_READY, CRASHING),
                                status(VALID, NOT_READY, STUCK)))
                .containsExactly(
                        new StatusEvent(Type.Warning, Reasons.PROGRESS_DEADLINE_EXCEEDED, "stuck"));
        assertThat(
                        StatusEvents.between(
                                status(VALID, READY, HEALTHY, ROLLING),
                                status(VALID, READY, HEALTHY, ROLLED)))
                .isEmpty();
    }

    @Test
    void theCounterStateIsAWarningWhenLostAndNewsWhenIntactAgain() {
        var intact = new Condition(ConditionTypes.COUNTER_STATE, true, Reasons.INTACT, "intact");
        var lost =
                new Condition(
                        ConditionTypes.COUNTER_STATE,
                        false,
                        Reasons.COUNTER_STATE_LOST,
                        "resume above 41");
        var lostHigher =
                new Condition(
                        ConditionTypes.COUNTER_STATE,
                        false,
                        Reasons.COUNTER_STATE_LOST,
                        "resume above 57");
        assertThat(StatusEvents.between(null, status(VALID, intact))).isEmpty();
        assertThat(StatusEvents.between(status(VALID, intact), status(VALID, lost)))
                .containsExactly(
                        new StatusEvent(
                                Type.Warning, Reasons.COUNTER_STATE_LOST, "resume above 41"));
        assertThat(StatusEvents.between(status(VALID, lost), status(VALID, lostHigher))).isEmpty();
        assertThat(StatusEvents.between(status(VALID, lost), status(VALID, intact)))
                .containsExactly(new StatusEvent(Type.Normal, Reasons.INTACT, "intact"));
    }

    private static CounterAppStatus status(Condition... conditions) {
        var status = new CounterAppStatus();
        status.setConditions(List.of(conditions));
        return status;
    }
}
