package dev.counter.operator.status;

import dev.counter.operator.model.BackendStatus;
import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.model.Phase;
import dev.counter.operator.model.SnapshotStatus;
import dev.counter.operator.validation.Violation;
import dev.counter.operator.workload.Labels;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Computes a CounterApp's status from an {@link Observation}; a pure function of its inputs. */
public final class StatusCalculator {

    public CounterAppStatus compute(CounterApp app, Observation observation, Instant now) {
        WorkloadHealth health = WorkloadHealth.of(observation.deployment());
        CounterAppStatus previous =
                Optional.ofNullable(app.getStatus()).orElseGet(CounterAppStatus::new);
        Optional<Condition> counterState =
                CounterStateHealth.condition(app, previous, observation.pods());
        Condition degraded =
                observation
                        .failure()
                        .map(
                                m ->
                                        new Condition(
                                                ConditionTypes.DEGRADED,
                                                true,
                                                Reasons.RECONCILE_FAILED,
                                                m))
                        .or(() -> MembershipHealth.degraded(observation.membership()))
                        .or(
                                () ->
                                        CounterStateHealth.degraded(
                                                counterState, health, observation.pods()))
                        // the cause first: counter pods without a store are not ready either
                        .or(() -> StoreWorkloadHealth.degraded(observation.stores()))
                        .or(() -> Optional.of(health.degraded()).filter(Condition::isTrue))
                        .or(() -> NfsServerHealth.degraded(app, observation.stores()))
                        .orElse(health.degraded());
        Optional<BackendStatus> backend = BackendHealth.of(app, observation.stores());
        observation
                .membership()
                .ifPresent(report -> backend.ifPresent(b -> MembershipHealth.describe(b, report)));
        observation
                .certificatesNotAfter()
                .ifPresent(
                        notAfter ->
                                backend.ifPresent(
                                        b -> b.setCertificatesNotAfter(notAfter.toString())));
        Optional<SnapshotStatus> lastSnapshot =
                SnapshotHealth.lastSnapshot(app, observation.stores());
        var fresh =
                new ArrayList<>(
                        List.of(
                                valid(observation.violations()),
                                ready(health.ready(), backend),
                                MembershipHealth.progressing(
                                        health.progressing(), observation.membership()),
                                degraded));
        SnapshotHealth.condition(app, observation.stores(), lastSnapshot, now).ifPresent(fresh::add);
        counterState.ifPresent(fresh::add);

        long generation = Optional.ofNullable(app.getMetadata().getGeneration()).orElse(0L);
        List<Condition> conditions =
                fresh.stream().map(c -> stamp(c, previous, generation, now)).toList();

        var status = new CounterAppStatus();
        status.setObservedGeneration(generation);
        status.setConditions(conditions);
        status.setPhase(phase(conditions));
        status.setReason(reason(status.getPhase(), conditions));
        status.setReplicas(health.replicas());
        status.setReadyReplicas(health.readyReplicas());
        status.setSelector(Labels.counterSelectorString(app));
        status.setEndpoint(observation.service().map(StatusCalculator::endpoint).orElse(null));
        status.setBackend(backend.orElse(null));
        status.setLastSnapshot(lastSnapshot.orElse(null));
        status.setCounter(CounterStateHealth.counter(previous, observation.pods()).orElse(null));
        return status;
    }

    /** The counter pods being ready is not enough: they serve only with a store that can. */
    private static Condition ready(Condition workload, Optional<BackendStatus> backend) {
        Optional<String> storeWait =
                backend.filter(b -> !Boolean.TRUE.equals(b.getReady()))
                        .map(
                                b ->
                                        Objects.requireNonNullElse(
                                                b.getMessage(), "the store is not ready"));
        if (workload.isTrue() && storeWait.isPresent()) {
            return new Condition(
                    ConditionTypes.READY, false, Reasons.BACKEND_NOT_READY, storeWait.get());
        }
        return workload;
    }

    /** Derives the phase from the conditions, most urgent first. */
    static Phase phase(List<Condition> conditions) {
        if (isFalse(conditions, ConditionTypes.VALID)) {
            return Phase.Invalid;
        }
        if (isTrue(conditions, ConditionTypes.DEGRADED)) {
            return Phase.Degraded;
        }
        Optional<Condition> ready = find(conditions, ConditionTypes.READY);
        boolean workloadUnseen =
                ready.map(Condition::getReason)
                        .filter(
                                r ->
                                        r.equals(Reasons.DEPLOYMENT_NOT_FOUND)
                                                || r.equals(Reasons.DEPLOYMENT_NOT_OBSERVED))
                        .isPresent();
        if (workloadUnseen) {
            return Phase.Pending;
        }
        if (isTrue(conditions, ConditionTypes.PROGRESSING)) {
            return Phase.Progressing;
        }
        return ready.filter(Condition::isTrue).isPresent() ? Phase.Ready : Phase.Pending;
    }

    /** The reason of the condition that decided the phase: the short word of kubectl get. */
    static String reason(Phase phase, List<Condition> conditions) {
        String decisive =
                switch (phase) {
                    case Invalid -> ConditionTypes.VALID;
                    case Degraded -> ConditionTypes.DEGRADED;
                    case Progressing -> ConditionTypes.PROGRESSING;
                    default -> ConditionTypes.READY;
                };
        return find(conditions, decisive).map(Condition::getReason).orElse(null);
    }

    private static Condition valid(List<Violation> violations) {
        if (violations.isEmpty()) {
            return new Condition(
                    ConditionTypes.VALID, true, Reasons.SPEC_VALID, "the spec obeys every rule");
        }
        String message =
                violations.stream().map(Violation::message).collect(Collectors.joining("; "));
        return new Condition(ConditionTypes.VALID, false, violations.get(0).reason(), message);
    }

    /** Keeps lastTransitionTime while the status stays the same, as Kubernetes conditions do. */
    private static Condition stamp(
            Condition condition, CounterAppStatus previous, long generation, Instant now) {
        condition.setObservedGeneration(generation);
        String lastTransition =
                previous.condition(condition.getType())
                        .filter(p -> p.getStatus().equals(condition.getStatus()))
                        .map(Condition::getLastTransitionTime)
                        .orElseGet(
                                () ->
                                        DateTimeFormatter.ISO_INSTANT.format(
                                                now.truncatedTo(ChronoUnit.SECONDS)));
        condition.setLastTransitionTime(lastTransition);
        return condition;
    }

    private static String endpoint(Service service) {
        int port = service.getSpec().getPorts().get(0).getPort();
        return "http://%s.%s.svc:%d"
                .formatted(
                        service.getMetadata().getName(),
                        service.getMetadata().getNamespace(),
                        port);
    }

    private static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).filter(Condition::isTrue).isPresent();
    }

    private static boolean isFalse(List<Condition> conditions, String type) {
        return find(conditions, type).filter(c -> !c.isTrue()).isPresent();
    }

    private static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
