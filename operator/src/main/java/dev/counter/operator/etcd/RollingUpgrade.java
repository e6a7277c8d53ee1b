package dev.counter.operator.etcd;

import java.util.Comparator;
import java.util.Optional;

/**
 * One member at a time onto the new template: followers from the highest ordinal down, the leader
 * last and only after leadership moved to a member that already runs the new version.
 */
final class RollingUpgrade {
    private RollingUpgrade() {}

    // Called only when every member is healthy and ready, none is a learner, and size == target.
    static Optional<MembershipStep> next(ClusterView view, MembershipPlanner.Members m) {
        if (m.all().size() != view.targetMembers() || m.all().stream().anyMatch(EtcdMember::learner)) {
            return Optional.empty();
        }
        long leader = m.leaderId();
        Optional<EtcdMember> follower = m.voters().stream()
                .filter(v -> v.id() != leader && outdated(m, v))
                .max(Comparator.comparing(v -> m.ordinalOf(v).orElse(-1)));
        if (follower.isPresent()) {
            int ordinal = m.ordinalOf(follower.get()).orElseThrow();
            return Optional.of(new MembershipStep.RestartMember(ordinal, "rolling upgrade"));
        }
        Optional<EtcdMember> leaderMember = m.voters().stream().filter(v -> v.id() == leader).findFirst();
        if (leaderMember.isEmpty() || !outdated(m, leaderMember.get())) {
            return Optional.empty();
        }
        int leaderOrdinal = m.ordinalOf(leaderMember.get()).orElseThrow();
        Optional<EtcdMember> upToDate = m.voters().stream().filter(v -> v.id() != leader && !outdated(m, v))
                .min(Comparator.comparing(v -> m.ordinalOf(v).orElse(Integer.MAX_VALUE)));
        if (upToDate.isPresent()) {
            return Optional.of(new MembershipStep.MoveLeader(leaderOrdinal, leader, upToDate.get().id()));
        }
        // A single member has nobody to hand leadership to.
        return Optional.of(new MembershipStep.RestartMember(leaderOrdinal, "rolling upgrade (leader last)"));
    }

    private static boolean outdated(MembershipPlanner.Members m, EtcdMember member) {
        return m.podOf(member).map(MemberPod::outdated).orElse(false);
    }
}
