package dev.counter.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.testkit.EtcdCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real etcd clusters changed only by planner + executor rounds, as the reconciler runs them. */
class MembershipLoopTest {
    private EtcdCluster etcd;
    private ProcessWorkload workload;
    private GatewayEtcdAdmin admin;
    private MembershipRounds rounds;

    private void start(int size) {
        etcd = EtcdCluster.start(size);
        workload = new ProcessWorkload(etcd, size);
        List<URI> urls = IntStream.range(0, 5).mapToObj(i -> URI.create(workload.member(i).clientUrl())).toList();
        admin = new GatewayEtcdAdmin(urls, Optional.empty(), Duration.ofSeconds(2));
        workload.admin(admin);
        rounds = new MembershipRounds(admin, workload);
    }

    @AfterEach
    void stop() {
        if (rounds != null) {
            System.out.println("not applied: " + String.join("\n  ", rounds.refusals()));
        }
        if (admin != null) {
            admin.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private ClusterView observe(int target) {
        return rounds.observe(target);
    }

    private List<MembershipStep> converge(int target) {
        return rounds.converge(target);
    }

    private List<Long> voters() throws EtcdAdminException {
        return admin.members().stream().filter(m -> !m.learner()).map(EtcdMember::id).toList();
    }

    @Test
    void growsOneToThreeToFiveAndShrinksBackToThreeAndOne() throws Exception {
        start(1);

        List<MembershipStep> up = converge(3);
        assertThat(up).extracting(MembershipStep::reason).containsExactly(
                "AddingLearner", "StartingMember", "PromotingLearner",
                "AddingLearner", "StartingMember", "PromotingLearner");
        assertThat(voters()).hasSize(3);

        converge(5);
        assertThat(voters()).hasSize(5);
        assertThat(workload.replicas()).isEqualTo(5);

        List<MembershipStep> down = converge(3);
        assertThat(down).filteredOn(s -> s instanceof MembershipStep.RemoveMember)
                .extracting(s -> ((MembershipStep.RemoveMember) s).ordinal()).containsExactly(4, 3);
        assertThat(voters()).hasSize(3);
        assertThat(workload.replicas()).isEqualTo(3);

        converge(1);
        assertThat(admin.members()).singleElement().satisfies(m -> assertThat(m.name()).isEqualTo("m0"));
        assertThat(workload.replicas()).isEqualTo(1);
        // The last member still serves: the cluster was never left without a quorum.
        assertThat(admin.status(URI.create(workload.member(0).clientUrl())).healthy()).isTrue();
    }

    @Test
    void repairsAMemberOfThreeWhoseDataDirWasWiped() throws Exception {
        start(3);
        repair(3, 2);
    }

    @Test
    void repairsAMemberOfFiveWhoseDataDirWasWiped() throws Exception {
        start(1);
        converge(5);
        repair(5, 3);
    }

    private void repair(int size, int ordinal) throws Exception {
        EtcdCluster.Member victim = workload.member(ordinal);
        long oldId = admin.status(URI.create(victim.clientUrl())).memberId();
        etcd.kill(victim);
        etcd.wipe(victim);
        etcd.join(victim, etcd.members().get(0).name() + "=" + etcd.members().get(0).peerUrl() + ","
                + victim.name() + "=" + victim.peerUrl());
        // With its old id still in the list and no data, the member cannot come back.
        await("member " + ordinal + " fails on its empty data dir").atMost(Duration.ofSeconds(30))
                .until(() -> !etcd.running(victim));

        List<MembershipStep> repairSteps = converge(size);

        assertThat(repairSteps).extracting(MembershipStep::reason)
                .containsExactly("RepairingMember", "AddingLearner", "RestartingMember", "PromotingLearner");
        assertThat(voters()).hasSize(size).doesNotContain(oldId);
        assertThat(admin.members()).filteredOn(m -> m.name().equals(victim.name())).singleElement()
                .satisfies(m -> assertThat(m.learner()).isFalse());
    }

    @Test
    void twoOfThreeStoppedIsQuorumLostAndNothingChangesUntilTheyResume() throws Exception {
        start(3);
        List<EtcdMember> before = admin.members();
        etcd.pause(workload.member(1));
        etcd.pause(workload.member(2));
        try {
            MembershipExecutor executor = new MembershipExecutor(admin, workload);
            ClusterView view = observe(3);
            MembershipStep step = MembershipPlanner.next(view);
            assertThat(step).isInstanceOf(MembershipStep.QuorumLost.class);
            assertThat(step.message()).contains("spec.etcd.restoreFrom");
            assertThat(executor.execute(view, step).applied()).isFalse();
        } finally {
            etcd.resume(workload.member(1));
            etcd.resume(workload.member(2));
        }
        assertThat(converge(3)).isEmpty();
        assertThat(admin.members()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(workload.restarts()).isEmpty();
    }

    @Test
    void rollingRestartOfOutdatedMembersTakesTheLeaderLast() throws Exception {
        start(3);
        long leader = admin.status(URI.create(workload.member(0).clientUrl())).leaderId();
        int leaderOrdinal = IntStream.range(0, 3).filter(i -> {
            try {
                return admin.status(URI.create(workload.member(i).clientUrl())).memberId() == leader;
            } catch (EtcdAdminException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        for (int i = 0; i < 3; i++) {
            workload.markOutdated(i);
        }

        List<MembershipStep> rolled = converge(3);

        assertThat(workload.restarts()).hasSize(3).doesNotHaveDuplicates().endsWith(leaderOrdinal);
        assertThat(rolled).extracting(MembershipStep::reason)
                .containsExactly("RestartingMember", "RestartingMember", "MovingLeader", "RestartingMember");
        assertThat(voters()).hasSize(3);
    }
}
