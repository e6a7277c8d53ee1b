package dev.counter.operator.status;

import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.CounterStatus;
import dev.counter.operator.status.PodReadiness.CounterState;
import dev.counter.operator.workload.Backends;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * {@code status.counter} and the CounterState condition, from the counter pods' {@code /ready}.
 *
 * <p>The mark is the maximum of what was recorded before and what the pods report, so it never goes
 * down: a pod restarted on an emptied store reports little, and the value it would otherwise
 * overwrite is exactly what the recovery step needs.
 */
final class CounterStateHealth {

    static final String RECOVERY_DOC =
            "docs/fault-tolerance.md#recovery-resume-above-the-last-value-handed-out";

    private static final Pattern RESUME_ABOVE = Pattern.compile("resume above (\\d+)");

    private CounterStateHealth() {}

    /** Empty until some pod has reported a mark. */
    static Optional<CounterStatus> counter(CounterAppStatus previous, List<PodReadiness> pods) {
        return max(recorded(previous), pods.stream().map(PodReadiness::highWaterMark)).stream()
                .boxed()
                .findFirst()
                .map(CounterStatus::new);
    }

    /**
     * Empty for the memory backend, whose pods are not asked, and until a pod had news of the
     * counter. Without news (pods unreachable, or the store down) the last verdict stands: a store
     * that went away did not repair the counter.
     */
    static Optional<Condition> condition(
            CounterApp app, CounterAppStatus previous, List<PodReadiness> pods) {
        if (app.getSpec() == null || !Backends.shared(app.getSpec())) {
            return Optional.empty();
        }
        List<PodReadiness> byName =
                pods.stream().sorted(Comparator.comparing(PodReadiness::pod)).toList();
        Optional<PodReadiness> lost = first(byName, CounterState.LOST);
        if (lost.isPresent()) {
            return Optional.of(lost(lost.get(), previous, pods));
        }
        Optional<PodReadiness> unusable = first(byName, CounterState.UNUSABLE);
        if (unusable.isPresent()) {
            return Optional.of(
                    new Condition(
                            ConditionTypes.COUNTER_STATE,
                            false,
                            Reasons.STORED_VALUE_UNUSABLE,
                            podSays(unusable.get())
                                    + "; once the value is repaired the pods serve again by"
                                    + " themselves"));
        }
        if (first(byName, CounterState.INTACT).isPresent()) {
            return Optional.of(
                    new Condition(
                            ConditionTypes.COUNTER_STATE,
                            true,
                            Reasons.INTACT,
                            "the counter pods report the counter intact"));
        }
        return previous.condition(ConditionTypes.COUNTER_STATE).map(CounterStateHealth::copy);
    }

    /**
     * Degraded says the same as CounterState when no pod serves because of it; while some pods
     * still serve, or the pods are down for other reasons, the workload's own verdict stands.
     */
    static Optional<Condition> degraded(
            Optional<Condition> counterState, WorkloadHealth health, List<PodReadiness> pods) {
        boolean noneServes =
                health.readyReplicas() == 0 && pods.stream().noneMatch(PodReadiness::ready);
        boolean podsSayWhy =
                pods.stream()
                        .map(PodReadiness::counterState)
                        .anyMatch(s -> s == CounterState.LOST || s == CounterState.UNUSABLE);
        return counterState
                .filter(c -> !c.isTrue() && noneServes && podsSayWhy)
                .map(
                        c ->
                                new Condition(
                                        ConditionTypes.DEGRADED,
                                        true,
                                        c.getReason(),
                                        c.getMessage()));
    }

    /**
     * Resume above the highest value anyone knows of: the recorded mark, every pod's mark, and the
     * numbers the pods name (a pod names the store's lost marker, which may be above them all).
     */
    private static Condition lost(
            PodReadiness pod, CounterAppStatus previous, List<PodReadiness> pods) {
        Stream<OptionalLong> named = pods.stream().map(p -> resumeAbove(p.reason().orElse("")));
        Stream<OptionalLong> marks = pods.stream().map(PodReadiness::highWaterMark);
        long resumeAbove = max(recorded(previous), Stream.concat(named, marks)).orElse(0);
        return new Condition(
                ConditionTypes.COUNTER_STATE,
                false,
                Reasons.COUNTER_STATE_LOST,
                "%s; resume above %d, the highest value the operator recorded or a pod reported"
                                .formatted(podSays(pod), resumeAbove)
                        + " (status.counter.highWaterMark), see "
                        + RECOVERY_DOC);
    }

    private static String podSays(PodReadiness pod) {
        return "pod " + pod.pod() + ": " + pod.reason().orElse("");
    }

    private static Optional<PodReadiness> first(List<PodReadiness> pods, CounterState state) {
        return pods.stream().filter(p -> p.counterState() == state).findFirst();
    }

    private static OptionalLong recorded(CounterAppStatus previous) {
        return Optional.ofNullable(previous.getCounter())
                .map(CounterStatus::getHighWaterMark)
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty);
    }

    private static OptionalLong resumeAbove(String reason) {
        Matcher matcher = RESUME_ABOVE.matcher(reason);
        return matcher.find()
                ? OptionalLong.of(Long.parseLong(matcher.group(1)))
                : OptionalLong.empty();
    }

    private static OptionalLong max(OptionalLong first, Stream<OptionalLong> others) {
        return Stream.concat(Stream.of(first), others)
                .flatMapToLong(
                        v -> v.isPresent() ? LongStream.of(v.getAsLong()) : LongStream.empty())
                .max();
    }

    /** The calculator stamps conditions in place; the previous status must stay as it was. */
    private static Condition copy(Condition condition) {
        var copy = new Condition();
        copy.setType(condition.getType());
        copy.setStatus(condition.getStatus());
        copy.setReason(condition.getReason());
        copy.setMessage(condition.getMessage());
        copy.setLastTransitionTime(condition.getLastTransitionTime());
        return copy;
    }
}
