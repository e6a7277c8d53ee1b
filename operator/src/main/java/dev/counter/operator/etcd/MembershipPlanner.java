package dev.counter.operator.etcd;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the one next membership step from what the cluster looks like now. Pure: the same view
 * gives the same step, so a reconcile that is cut off plans again from what really happened.
 */
public final class MembershipPlanner {
    static final String RESTORE_HINT =
            "restore from a snapshot: set spec.etcd.restoreFrom (status.lastSnapshot.file names the latest)";

    private MembershipPlanner() {}

    static int quorum(int voters) {
        return voters / 2 + 1;
    }

    public static MembershipStep next(ClusterView view) {
        if (view.members().isEmpty() || view.members().get().isEmpty()) {
            return new MembershipStep.QuorumLost("no etcd member answered; " + RESTORE_HINT);
        }
        Members m = new Members(view);
        if (m.healthyVoters() < quorum(m.voters().size())) {
            return new MembershipStep.QuorumLost(m.healthyVoters() + " of " + m.voters().size()
                    + " voting members healthy, fewer than a quorum; if they do not come back, " + RESTORE_HINT);
        }
        Optional<MembershipStep> step = repair(view, m);
        if (step.isEmpty()) {
            step = learnerInProgress(view, m);
        }
        if (step.isEmpty()) {
            step = scaleDown(view, m);
        }
        if (step.isEmpty()) {
            step = scaleUp(view, m);
        }
        if (step.isEmpty()) {
            step = unhealthy(view, m);
        }
        if (step.isEmpty()) {
            step = RollingUpgrade.next(view, m);
        }
        return step.orElseGet(() -> new MembershipStep.Steady(m.voters().size() + " of " + view.targetMembers()
                + " members healthy, leader " + m.leaderName()));
    }

    private static Optional<MembershipStep> repair(ClusterView view, Members m) {
        for (MemberPod pod : view.pods()) {
            Optional<EtcdMember> member = m.at(pod.ordinal());
            if (!pod.dataLost() || member.isEmpty() || !member.get().started()) {
                continue;
            }
            EtcdMember lost = member.get();
            if (!lost.learner()) {
                int othersHealthy = m.healthyVoters() - (m.healthy(lost) ? 1 : 0);
                if (othersHealthy < quorum(m.voters().size() - 1)) {
                    return Optional.of(new MembershipStep.Wait("RepairWouldLoseQuorum", "member " + pod.ordinal()
                            + " lost its data, but removing it would leave " + othersHealthy
                            + " healthy voters, fewer than a quorum of " + (m.voters().size() - 1)));
                }
            }
            return Optional.of(new MembershipStep.RemoveMember(pod.ordinal(), lost.id(), true));
        }
        return Optional.empty();
    }

    private static Optional<MembershipStep> learnerInProgress(ClusterView view, Members m) {
        Optional<EtcdMember> learner = m.all().stream().filter(EtcdMember::learner).findFirst();
        if (learner.isEmpty()) {
            return Optional.empty();
        }
        EtcdMember l = learner.get();
        Optional<MemberPod> pod = m.podOf(l);
        if (pod.isEmpty()) {
            return Optional.of(new MembershipStep.Wait("UnknownLearner",
                    "learner " + l.hexId() + " belongs to no pod of this cluster (" + l.peerUrls() + ")"));
        }
        int ordinal = pod.get().ordinal();
        if (ordinal >= view.statefulSetReplicas() || !pod.get().exists()) {
            return Optional.of(new MembershipStep.StartMember(ordinal, Math.max(ordinal + 1, view.statefulSetReplicas())));
        }
        if (!l.started()) {
            if (pod.get().dataLost()) {
                return Optional.of(new MembershipStep.RestartMember(ordinal, "join as the new learner " + l.hexId()));
            }
            return Optional.of(new MembershipStep.Wait("LearnerStarting", "waiting for learner " + ordinal + " to start"));
        }
        EndpointStatus ls = view.statuses().get(l.id());
        Optional<EndpointStatus> leader = m.leaderStatus();
        if (ls == null || leader.isEmpty() || !pod.get().ready() || !caughtUp(ls, leader.get())) {
            return Optional.of(new MembershipStep.Wait("LearnerCatchingUp", "waiting for learner " + ordinal
                    + " to catch up with the leader"));
        }
        return Optional.of(new MembershipStep.Promote(ordinal, l.id()));
    }

    // etcd promotes a learner whose log is at least 90% of the leader's; ask when it applied as much.
    private static boolean caughtUp(EndpointStatus learner, EndpointStatus leader) {
        return (leader.raftAppliedIndex() - learner.raftAppliedIndex()) * 10 <= leader.raftAppliedIndex();
    }

    private static Optional<MembershipStep> scaleDown(ClusterView view, Members m) {
        int highestMember = m.all().stream().map(m::ordinalOf).flatMap(Optional::stream)
                .max(Integer::compare).orElse(-1);
        int keep = Math.max(view.targetMembers(), highestMember + 1);
        if (view.statefulSetReplicas() > keep) {
            return Optional.of(new MembershipStep.ShrinkStatefulSet(keep));
        }
        if (highestMember < view.targetMembers()) {
            return Optional.empty();
        }
        EtcdMember victim = m.at(highestMember).orElseThrow();
        if (victim.id() == m.leaderId()) {
            return m.voters().stream()
                    .filter(v -> v.id() != victim.id() && m.healthy(v))
                    .min(Comparator.comparing(v -> m.ordinalOf(v).orElse(Integer.MAX_VALUE)))
                    .map(to -> (MembershipStep) new MembershipStep.MoveLeader(highestMember, victim.id(), to.id()))
                    .or(() -> Optional.of(new MembershipStep.Wait("NoLeaderTransferee",
                            "member " + highestMember + " leads and no other voter is healthy")));
        }
        int votersAfter = m.voters().size() - (victim.learner() ? 0 : 1);
        int healthyAfter = m.healthyVoters() - (!victim.learner() && m.healthy(victim) ? 1 : 0);
        if (votersAfter > 0 && healthyAfter < quorum(votersAfter)) {
            return Optional.of(new MembershipStep.Wait("RemovalWouldLoseQuorum", "removing member " + highestMember
                    + " would leave " + healthyAfter + " healthy voters, fewer than a quorum of " + votersAfter));
        }
        return Optional.of(new MembershipStep.RemoveMember(highestMember, victim.id(), false));
    }

    private static Optional<MembershipStep> scaleUp(ClusterView view, Members m) {
        for (MemberPod pod : view.pods()) {
            if (pod.ordinal() < view.targetMembers() && m.at(pod.ordinal()).isEmpty()) {
                return Optional.of(new MembershipStep.AddLearner(pod.ordinal(), pod.peerUrl()));
            }
        }
        return Optional.empty();
    }

    private static Optional<MembershipStep> unhealthy(ClusterView view, Members m) {
        for (EtcdMember member : m.all()) {
            Optional<MemberPod> pod = m.podOf(member);
            if (!m.healthy(member) || pod.isEmpty() || !pod.get().ready()) {
                String who = pod.map(p -> "member " + p.ordinal()).orElse("member " + member.hexId());
                return Optional.of(new MembershipStep.Wait("MemberUnhealthy", who + " is not healthy or not ready"));
            }
        }
        return Optional.empty();
    }

    /** The member list joined with pods (by peer URL) and statuses. */
    static final class Members {
        private final ClusterView view;
        private final List<EtcdMember> all;

        Members(ClusterView view) {
            this.view = view;
            this.all = view.members().orElse(List.of());
        }

        List<EtcdMember> all() {
            return all;
        }

        List<EtcdMember> voters() {
            return all.stream().filter(x -> !x.learner()).toList();
        }

        boolean healthy(EtcdMember member) {
            EndpointStatus s = view.statuses().get(member.id());
            return s != null && s.healthy();
        }

        int healthyVoters() {
            return (int) voters().stream().filter(this::healthy).count();
        }

        long leaderId() {
            return view.statuses().values().stream().filter(EndpointStatus::healthy)
                    .mapToLong(EndpointStatus::leaderId).findFirst().orElse(0);
        }

        Optional<EndpointStatus> leaderStatus() {
            return Optional.ofNullable(view.statuses().get(leaderId()));
        }

        String leaderName() {
            return all.stream().filter(x -> x.id() == leaderId()).findFirst()
                    .map(x -> podOf(x).map(MemberPod::name).orElse(x.name())).orElse("unknown");
        }

        Optional<MemberPod> podOf(EtcdMember member) {
            return view.pods().stream().filter(p -> member.peerUrls().contains(p.peerUrl())).findFirst();
        }

        Optional<Integer> ordinalOf(EtcdMember member) {
            return podOf(member).map(MemberPod::ordinal);
        }

        Optional<EtcdMember> at(int ordinal) {
            return all.stream().filter(x -> ordinalOf(x).filter(o -> o == ordinal).isPresent()).findFirst();
        }

        Optional<MemberPod> pod(int ordinal) {
            return view.pods().stream().filter(p -> p.ordinal() == ordinal).findFirst();
        }
    }
}
