package dev.counter.operator.etcd;

import java.util.Optional;

/**
 * One membership round as the status shows it: the step planned (and whether it was applied),
 * the voters and learners etcd listed and the leader's name.
 *
 * @param outcome what the executor said, e.g. why an applied step failed; equal to the step's
 *     message when nothing was tried
 */
public record MembershipReport(
        MembershipStep step,
        boolean applied,
        String outcome,
        int voters,
        int learners,
        Optional<String> leader) {

    public boolean steady() {
        return step instanceof MembershipStep.Steady;
    }

    public boolean quorumLost() {
        return step instanceof MembershipStep.QuorumLost;
    }
}
