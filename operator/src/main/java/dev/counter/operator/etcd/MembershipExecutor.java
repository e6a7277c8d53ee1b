package dev.counter.operator.etcd;

import java.net.URI;
import java.util.stream.Collectors;

/**
 * Performs one planned step, once. A failed etcd mutation is not repeated here: its effect may be
 * unknown, so the next round observes the cluster again and plans from what really happened.
 */
public final class MembershipExecutor {
    private final EtcdAdmin admin;
    private final MemberWorkload workload;

    public MembershipExecutor(EtcdAdmin admin, MemberWorkload workload) {
        this.admin = admin;
        this.workload = workload;
    }

    /** What came of one step; {@code applied} false means plan again (after a wait). */
    public record Outcome(boolean applied, String message) {}

    public Outcome execute(ClusterView view, MembershipStep step) {
        try {
            if (step instanceof MembershipStep.AddLearner s) {
                admin.addLearner(s.peerUrl());
            } else if (step instanceof MembershipStep.Promote s) {
                admin.promote(s.memberId());
            } else if (step instanceof MembershipStep.RemoveMember s) {
                admin.remove(s.memberId());
            } else if (step instanceof MembershipStep.MoveLeader s) {
                admin.moveLeader(clientUrl(view, s.fromOrdinal()), s.toId());
            } else if (step instanceof MembershipStep.StartMember s) {
                workload.scaleTo(s.replicas());
            } else if (step instanceof MembershipStep.ShrinkStatefulSet s) {
                workload.scaleTo(s.replicas());
            } else if (step instanceof MembershipStep.RestartMember s) {
                workload.restart(s.ordinal());
            } else {
                // Steady, Wait, QuorumLost: nothing to change.
                return new Outcome(false, step.message());
            }
            return new Outcome(true, step.message());
        } catch (EtcdAdmin.PromoteRefused e) {
            return new Outcome(false, "learner not in sync yet: " + e.getMessage());
        } catch (EtcdAdminException e) {
            return new Outcome(false, step.message() + " failed: " + e.getMessage() + "; " + reread());
        }
    }

    // The failed call may have taken effect; what the list says now is what the next round plans from.
    private String reread() {
        try {
            return "member list now: " + admin.members().stream()
                    .map(m -> m.hexId() + (m.learner() ? " (learner)" : ""))
                    .collect(Collectors.joining(", "));
        } catch (EtcdAdminException e) {
            return "member list unreadable: " + e.getMessage();
        }
    }

    private static URI clientUrl(ClusterView view, int ordinal) {
        return view.pods().stream().filter(p -> p.ordinal() == ordinal).findFirst()
                .map(p -> URI.create(p.clientUrl()))
                .orElseThrow(() -> new IllegalStateException("no pod for ordinal " + ordinal));
    }
}
