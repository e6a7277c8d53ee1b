package dev.counter.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.testkit.EtcdCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MembershipExecutorTest {

    @Test
    void anAddThatTimedOutIsNotRepeatedTheNextRoundPlansFromTheListAsItIsThen() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            ProcessWorkload workload = new ProcessWorkload(etcd, 1);
            List<URI> urls = IntStream.range(0, 5).mapToObj(i -> URI.create(workload.member(i).clientUrl())).toList();
            GatewayEtcdAdmin admin = new GatewayEtcdAdmin(urls, Optional.empty(), Duration.ofSeconds(1));
            workload.admin(admin);
            MembershipExecutor executor = new MembershipExecutor(admin, workload);
            ClusterView view = ClusterObserver.observe(2, 1, workload.pods(2), admin);
            MembershipStep add = MembershipPlanner.next(view);
            assertThat(add).isInstanceOf(MembershipStep.AddLearner.class);

            etcd.pause(workload.member(0));
            MembershipExecutor.Outcome outcome;
            try {
                outcome = executor.execute(view, add);
            } finally {
                etcd.resume(workload.member(0));
            }

            assertThat(outcome.applied()).isFalse();
            assertThat(outcome.message()).contains("effect is unknown");
            // The stalled member may still apply the buffered request after it resumes, or not.
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> admin.members() != null);
            List<EtcdMember> members = admin.members();
            assertThat(members).filteredOn(EtcdMember::learner).hasSizeLessThanOrEqualTo(1);
            MembershipStep next = MembershipPlanner.next(ClusterObserver.observe(2, 1, workload.pods(2), admin));
            if (members.stream().anyMatch(EtcdMember::learner)) {
                assertThat(next).isEqualTo(new MembershipStep.StartMember(1, 2));
            } else {
                assertThat(next).isInstanceOf(MembershipStep.AddLearner.class);
            }
            admin.close();
        }
    }
}
