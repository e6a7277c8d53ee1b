package dev.counter.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.counter.testkit.EtcdCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayEtcdAdminTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private EtcdCluster etcd;
    private GatewayEtcdAdmin admin;

    @BeforeEach
    void start() {
        etcd = EtcdCluster.start(1);
        admin = new GatewayEtcdAdmin(urls(etcd.members()), Optional.empty(), DEADLINE);
    }

    @AfterEach
    void stop() {
        admin.close();
        etcd.close();
    }

    private static List<URI> urls(List<EtcdCluster.Member> members) {
        return members.stream().map(m -> URI.create(m.clientUrl())).toList();
    }

    @Test
    void listsTheMembersAndTheirStatus() throws Exception {
        EtcdCluster.Member only = etcd.members().get(0);

        List<EtcdMember> members = admin.members();
        EndpointStatus status = admin.status(URI.create(only.clientUrl()));

        assertThat(members).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo(only.name());
            assertThat(m.peerUrls()).containsExactly(only.peerUrl());
            assertThat(m.clientUrls()).containsExactly(only.clientUrl());
            assertThat(m.learner()).isFalse();
        });
        assertThat(status.memberId()).isEqualTo(members.get(0).id());
        assertThat(status.leaderId()).isEqualTo(members.get(0).id());
        assertThat(status.version()).isEqualTo("3.4.23");
        assertThat(status.raftAppliedIndex()).isPositive();
        assertThat(status.dbSize()).isPositive();
        assertThat(status.learner()).isFalse();
        assertThat(status.healthy()).isTrue();
    }

    @Test
    void addsALearnerPromotesItOnceInSyncMovesLeadershipAndRemovesIt() throws Exception {
        EtcdCluster.Member first = etcd.members().get(0);
        EtcdCluster.Member second = etcd.spare("m1");

        EtcdMember learner = admin.addLearner(second.peerUrl());
        assertThat(learner.learner()).isTrue();
        assertThat(learner.started()).isFalse();
        assertThat(admin.members()).extracting(EtcdMember::id).contains(learner.id());
        // Not started, so it cannot be in sync.
        assertThatThrownBy(() -> admin.promote(learner.id())).isInstanceOf(EtcdAdmin.PromoteRefused.class);

        String initialCluster = first.name() + "=" + first.peerUrl() + "," + second.name() + "=" + second.peerUrl();
        etcd.join(second, initialCluster);
        await("learner promoted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreException(EtcdAdmin.PromoteRefused.class)
                .until(() -> {
                    admin.promote(learner.id());
                    return true;
                });
        assertThat(admin.members()).filteredOn(m -> m.id() == learner.id()).singleElement()
                .satisfies(m -> assertThat(m.learner()).isFalse());

        long leader = admin.status(URI.create(first.clientUrl())).leaderId();
        long other = admin.members().stream().mapToLong(EtcdMember::id).filter(id -> id != leader).findFirst().orElseThrow();
        URI leaderUrl = URI.create(leader == learner.id() ? second.clientUrl() : first.clientUrl());
        admin.moveLeader(leaderUrl, other);
        await("leadership moved").atMost(Duration.ofSeconds(10))
                .until(() -> admin.status(URI.create(first.clientUrl())).leaderId() == other);

        long toRemove = other == learner.id() ? leader : learner.id();
        GatewayEtcdAdmin both = new GatewayEtcdAdmin(urls(List.of(first, second)), Optional.empty(), DEADLINE);
        // etcd refuses ("unhealthy cluster") until the remaining member has been connected for 5 s.
        await("member removed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(e -> e.getMessage().contains("unhealthy cluster"))
                .until(() -> {
                    both.remove(toRemove);
                    return true;
                });
        assertThat(both.members()).extracting(EtcdMember::id).containsExactly(other);
    }

    @Test
    void aPausedMemberFailsTheCallWithinTheDeadline() {
        EtcdCluster.Member only = etcd.members().get(0);
        etcd.pause(only);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> admin.remove(42)).isInstanceOf(EtcdAdminException.class)
                    .hasMessageContaining("effect is unknown");
            assertThatThrownBy(admin::members).isInstanceOf(EtcdAdminException.class);
            // Generous bound: both calls end by their deadlines, not by a TCP timeout of minutes.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.multipliedBy(2).plusSeconds(10));
        } finally {
            etcd.resume(only);
        }
    }

    @Test
    void anErrorCarriesEtcdsMessage() {
        assertThatThrownBy(() -> admin.remove(42)).isInstanceOf(EtcdAdminException.class)
                .isNotInstanceOf(EtcdAdmin.PromoteRefused.class)
                .hasMessageContaining("member not found");
    }
}
