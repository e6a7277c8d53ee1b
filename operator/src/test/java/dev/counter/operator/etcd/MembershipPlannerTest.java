package dev.counter.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.etcd.MembershipStep.AddLearner;
import dev.counter.operator.etcd.MembershipStep.MoveLeader;
import dev.counter.operator.etcd.MembershipStep.Promote;
import dev.counter.operator.etcd.MembershipStep.QuorumLost;
import dev.counter.operator.etcd.MembershipStep.RemoveMember;
import dev.counter.operator.etcd.MembershipStep.RestartMember;
import dev.counter.operator.etcd.MembershipStep.ShrinkStatefulSet;
import dev.counter.operator.etcd.MembershipStep.StartMember;
import dev.counter.operator.etcd.MembershipStep.Steady;
import dev.counter.operator.etcd.MembershipStep.Wait;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipPlannerTest {

    /** A cluster under construction: ordinal i has id 100 + i and peer URL http://etcd-i:2380. */
    private static final class Fixture {
        int target;
        int replicas;
        int leader = 0;
        final Map<Integer, MemberPod> pods = new HashMap<>();
        final List<EtcdMember> members = new ArrayList<>();
        final Map<Long, EndpointStatus> statuses = new HashMap<>();

        Fixture(int voters, int target) {
            this.target = target;
            this.replicas = voters;
            for (int i = 0; i < Math.max(voters, target); i++) {
                pods.put(i, pod(i, i < voters, i < voters, false, false));
            }
            for (int i = 0; i < voters; i++) {
                member(i, false, true);
                status(i, 1000);
            }
        }

        static MemberPod pod(int i, boolean exists, boolean ready, boolean dataLost, boolean outdated) {
            return new MemberPod(i, "etcd-" + i, peer(i), "http://etcd-" + i + ":2379", exists, ready, dataLost, outdated);
        }

        void member(int i, boolean learner, boolean started) {
            members.removeIf(m -> m.id() == 100 + i);
            members.add(new EtcdMember(100 + i, started ? "etcd-" + i : "", List.of(peer(i)),
                    started ? List.of("http://etcd-" + i + ":2379") : List.of(), learner));
        }

        void status(int i, long applied) {
            boolean learner = members.stream().anyMatch(m -> m.id() == 100 + i && m.learner());
            statuses.put(100L + i, new EndpointStatus("http://etcd-" + i + ":2379", 100 + i, 100 + leader,
                    applied, applied, "3.4.23", learner, 20480, List.of()));
        }

        Fixture down(int i) {
            statuses.remove(100L + i);
            MemberPod p = pods.get(i);
            pods.put(i, pod(i, p.exists(), false, p.dataLost(), p.outdated()));
            return this;
        }

        Fixture leader(int i) {
            leader = i;
            for (long id : List.copyOf(statuses.keySet())) {
                status((int) (id - 100), statuses.get(id).raftAppliedIndex());
            }
            return this;
        }

        Fixture podFlags(int i, boolean exists, boolean ready, boolean dataLost, boolean outdated) {
            pods.put(i, pod(i, exists, ready, dataLost, outdated));
            return this;
        }

        MembershipStep next() {
            return MembershipPlanner.next(new ClusterView(target, replicas,
                    pods.values().stream().sorted((a, b) -> a.ordinal() - b.ordinal()).toList(),
                    Optional.of(members), statuses));
        }

        static String peer(int i) {
            return "http://etcd-" + i + ":2380";
        }
    }

    @Test
    void steadyWhenSizeAndHealthMatch() {
        MembershipStep step = new Fixture(3, 3).leader(1).next();
        assertThat(step).isEqualTo(new Steady("3 of 3 members healthy, leader etcd-1"));
    }

    @Test
    void noMemberAnsweredIsQuorumLostWithTheRestorePath() {
        MembershipStep step = MembershipPlanner.next(new ClusterView(3, 3, List.of(), Optional.empty(), Map.of()));
        assertThat(step).isInstanceOf(QuorumLost.class);
        assertThat(step.message()).contains("spec.etcd.restoreFrom").contains("status.lastSnapshot.file");
    }

    @Test
    void twoOfThreeDownIsQuorumLostEvenWhenScalingOrRepairing() {
        Fixture f = new Fixture(3, 5).down(1).down(2);
        f.podFlags(2, true, false, true, false);
        MembershipStep step = f.next();
        assertThat(step).isInstanceOf(QuorumLost.class);
        assertThat(step.message()).contains("1 of 3").contains("spec.etcd.restoreFrom");
    }

    @Test
    void scaleUpAddsTheLowestMissingOrdinalAsALearner() {
        assertThat(new Fixture(1, 3).next()).isEqualTo(new AddLearner(1, Fixture.peer(1)));
    }

    @Test
    void anAddedLearnerWithoutAPodIsStartedNotAddedAgain() {
        Fixture f = new Fixture(1, 3);
        f.member(1, true, false);
        assertThat(f.next()).isEqualTo(new StartMember(1, 2));
    }

    @Test
    void aStartingLearnerIsWaitedFor() {
        Fixture f = new Fixture(1, 3);
        f.member(1, true, false);
        f.replicas = 2;
        f.podFlags(1, true, false, false, false);
        assertThat(f.next()).isInstanceOf(Wait.class).extracting(MembershipStep::reason).isEqualTo("LearnerStarting");
    }

    @Test
    void aLaggingLearnerIsWaitedForThenPromoted() {
        Fixture f = new Fixture(1, 3);
        f.member(1, true, true);
        f.replicas = 2;
        f.podFlags(1, true, true, false, false);
        f.status(1, 10);
        assertThat(f.next()).extracting(MembershipStep::reason).isEqualTo("LearnerCatchingUp");

        f.status(1, 995);
        assertThat(f.next()).isEqualTo(new Promote(1, 101));
    }

    @Test
    void aCaughtUpLearnerWhosePodIsNotReadyIsNotPromoted() {
        Fixture f = new Fixture(1, 3);
        f.member(1, true, true);
        f.replicas = 2;
        f.podFlags(1, true, false, false, false);
        f.status(1, 1000);
        assertThat(f.next()).isInstanceOf(Wait.class);
    }

    @Test
    void neverASecondLearner() {
        Fixture f = new Fixture(3, 5);
        f.member(3, true, true);
        f.replicas = 4;
        f.podFlags(3, true, true, false, false);
        f.status(3, 10);
        MembershipStep step = f.next();
        assertThat(step).isNotInstanceOf(AddLearner.class).isInstanceOf(Wait.class);
    }

    @Test
    void scaleDownRemovesTheHighestOrdinalFirst() {
        assertThat(new Fixture(5, 3).next()).isEqualTo(new RemoveMember(4, 104, false));
    }

    @Test
    void theLeaderIsNeverRemovedFirstLeadershipMovesToAHealthyVoter() {
        Fixture f = new Fixture(5, 3).leader(4).down(0);
        assertThat(f.next()).isEqualTo(new MoveLeader(4, 104, 101));
    }

    @Test
    void noRemovalBelowQuorum() {
        // 3 voters, one down: removing a healthy one leaves 1 healthy of 2 voters.
        Fixture f = new Fixture(3, 2).down(0);
        assertThat(f.next()).isInstanceOf(Wait.class).extracting(MembershipStep::reason)
                .isEqualTo("RemovalWouldLoseQuorum");
    }

    @Test
    void theStatefulSetShrinksOnceTheRemovedOrdinalIsNoMember() {
        Fixture f = new Fixture(5, 3);
        f.members.removeIf(m -> m.id() == 104);
        f.statuses.remove(104L);
        assertThat(f.next()).isEqualTo(new ShrinkStatefulSet(4));
    }

    @Test
    void aMemberThatLostItsDataIsRemovedForRepairWhileTheOthersKeepQuorum() {
        Fixture f = new Fixture(3, 3).down(2);
        f.podFlags(2, true, false, true, false);
        assertThat(f.next()).isEqualTo(new RemoveMember(2, 102, true));
    }

    @Test
    void noRepairRemovalWhenTheOthersWouldLoseQuorum() {
        // 5 voters, 2 down, one of them lost its data: the other 3 of 4 keep quorum, so repair...
        Fixture ok = new Fixture(5, 5).down(3).down(4);
        ok.podFlags(4, true, false, true, false);
        assertThat(ok.next()).isEqualTo(new RemoveMember(4, 104, true));
        // ...but with a third member down only 2 of 4 would remain healthy.
        Fixture f = new Fixture(5, 5).down(2).down(3).down(4);
        f.podFlags(4, true, false, true, false);
        assertThat(f.next()).isInstanceOf(QuorumLost.class);
        Fixture g = new Fixture(4, 4).down(3).down(2);
        g.podFlags(3, true, false, true, false);
        assertThat(g.next()).isInstanceOf(QuorumLost.class);
    }

    @Test
    void repairReAddsTheSameOrdinalThenRestartsItsPodThenPromotes() {
        Fixture f = new Fixture(3, 3).down(2);
        f.podFlags(2, true, false, true, false);
        f.members.removeIf(m -> m.id() == 102);
        assertThat(f.next()).isEqualTo(new AddLearner(2, Fixture.peer(2)));

        f.member(2, true, false);
        assertThat(f.next()).isInstanceOf(RestartMember.class).extracting(s -> ((RestartMember) s).ordinal())
                .isEqualTo(2);

        f.podFlags(2, true, true, false, false);
        f.member(2, true, true);
        f.status(2, 1000);
        assertThat(f.next()).isEqualTo(new Promote(2, 102));
    }

    @Test
    void aMemberThatIsOnlyNotReadyIsNotRemoved() {
        Fixture f = new Fixture(3, 3).down(2);
        assertThat(f.next()).isInstanceOf(Wait.class).extracting(MembershipStep::reason).isEqualTo("MemberUnhealthy");
    }

    @Test
    void rollingUpgradeGoesFollowersHighestFirstThenTheLeaderAfterMovingLeadership() {
        Fixture f = new Fixture(3, 3).leader(2);
        for (int i = 0; i < 3; i++) {
            f.podFlags(i, true, true, false, true);
        }
        assertThat(f.next()).isInstanceOf(RestartMember.class).extracting(s -> ((RestartMember) s).ordinal()).isEqualTo(1);

        f.podFlags(1, true, false, false, false).down(1);
        assertThat(f.next()).isInstanceOf(Wait.class);

        f.podFlags(1, true, true, false, false).status(1, 1000);
        assertThat(f.next()).isInstanceOf(RestartMember.class).extracting(s -> ((RestartMember) s).ordinal()).isEqualTo(0);

        f.podFlags(0, true, true, false, false);
        assertThat(f.next()).isEqualTo(new MoveLeader(2, 102, 100));

        f.leader(0);
        assertThat(f.next()).isInstanceOf(RestartMember.class).extracting(s -> ((RestartMember) s).ordinal()).isEqualTo(2);

        f.podFlags(2, true, true, false, false);
        assertThat(f.next()).isInstanceOf(Steady.class);
    }

    @Test
    void noRollingUpgradeWhileScaling() {
        Fixture f = new Fixture(3, 5);
        f.podFlags(1, true, true, false, true);
        assertThat(f.next()).isInstanceOf(AddLearner.class);
    }
}
