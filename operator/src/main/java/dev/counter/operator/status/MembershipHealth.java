package dev.counter.operator.status;

import dev.counter.operator.etcd.MembershipReport;
import dev.counter.operator.model.BackendStatus;
import dev.counter.operator.model.Condition;
import java.util.Optional;

/**
 * What the managed etcd cluster's membership round adds to the status: Degraded QuorumLost (with
 * the restore path), Progressing with the step's reason while the cluster is changing, and the
 * learners, leader and step in {@code status.backend}.
 */
final class MembershipHealth {

    private MembershipHealth() {}

    static Optional<Condition> degraded(Optional<MembershipReport> membership) {
        return membership
                .filter(MembershipReport::quorumLost)
                .map(
                        r ->
                                new Condition(
                                        ConditionTypes.DEGRADED,
                                        true,
                                        r.step().reason(),
                                        r.step().message()));
    }

    /** The rollout's own Progressing wins: it is what the counter pods wait for. */
    static Condition progressing(Condition rollout, Optional<MembershipReport> membership) {
        if (rollout.isTrue()) {
            return rollout;
        }
        return membership
                .filter(r -> !r.steady() && !r.quorumLost())
                .map(
                        r ->
                                new Condition(
                                        ConditionTypes.PROGRESSING,
                                        true,
                                        r.step().reason(),
                                        r.outcome()))
                .orElse(rollout);
    }

    static void describe(BackendStatus backend, MembershipReport report) {
        backend.setLearners(report.learners());
        backend.setLeader(report.leader().orElse(null));
        backend.setStep(report.step().reason());
    }
}
