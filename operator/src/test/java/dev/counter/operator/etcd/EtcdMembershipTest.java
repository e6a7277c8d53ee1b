package dev.counter.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.MockCluster;
import dev.counter.operator.workload.EtcdMembersConfig;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.Part;
import dev.counter.testkit.EtcdCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's membership round between the mock API (StatefulSet, pods, members ConfigMap)
 * and a real 3-member etcd whose processes stand in for the pods.
 */
class EtcdMembershipTest {

    private static final String NS = CounterApps.NAMESPACE;

    private MockCluster cluster;
    private KubernetesClient client;
    private EtcdCluster etcd;
    private EtcdMembership membership;
    private CounterApp app;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        etcd = EtcdCluster.start(3);
        app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        List<EtcdCluster.Member> members = etcd.members();
        EtcdCluster.Member spare = etcd.spare("hits-etcd-3");
        membership =
                new EtcdMembership(
                        (urls, tls) -> new GatewayEtcdAdmin(urls, tls, Duration.ofSeconds(2)),
                        ignored ->
                                new MemberEndpoints() {
                                    @Override
                                    public String peerUrl(String member) {
                                        return of(member).peerUrl();
                                    }

                                    @Override
                                    public String clientUrl(String member) {
                                        return of(member).clientUrl();
                                    }

                                    private EtcdCluster.Member of(String pod) {
                                        int ordinal =
                                                Integer.parseInt(
                                                        pod.substring(pod.lastIndexOf('-') + 1));
                                        return ordinal < members.size()
                                                ? members.get(ordinal)
                                                : spare;
                                    }
                                });
        client.apps().statefulSets().inNamespace(NS).resource(statefulSet(3)).create();
        for (int i = 0; i < 3; i++) {
            client.pods().inNamespace(NS).resource(pod(i)).create();
        }
        client.configMaps()
                .inNamespace(NS)
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(Names.etcdMembers(app))
                                .endMetadata()
                                .withData(EtcdMembersConfig.bootstrap(app))
                                .build())
                .create();
    }

    @AfterEach
    void stop() {
        etcd.close();
        cluster.close();
    }

    @Test
    void aFormedClusterIsMarkedBootstrappedAndSteadyWithItsLeaderNamed() {
        MembershipReport report = round();

        assertThat(report.step()).isInstanceOf(MembershipStep.Steady.class);
        assertThat(report.voters()).isEqualTo(3);
        assertThat(report.learners()).isZero();
        assertThat(report.leader()).contains("hits-etcd-" + etcd.members().indexOf(etcd.leader()));
        assertThat(config()).containsEntry(EtcdMembersConfig.BOOTSTRAPPED, "true");
    }

    @Test
    void growingToFiveWritesTheJoinEntryAddsALearnerThenGrowsTheStatefulSetByOne() {
        round();
        app.getSpec().getEtcd().setMembers(5);

        // etcd refuses a member change until every voter has been connected for a while
        // ("unhealthy cluster"): the round says so and the next one tries again
        MembershipReport add = untilApplied(MembershipStep.AddLearner.class);
        assertThat(config())
                .containsKey(EtcdMembersConfig.joinIdKey("hits-etcd-3"))
                .hasEntrySatisfying(
                        EtcdMembersConfig.joinClusterKey("hits-etcd-3"),
                        cluster -> assertThat(cluster.split(",")).hasSize(4));
        assertThat(etcd.etcdctl("member", "list")).contains("true"); // IS LEARNER column

        MembershipReport start = untilApplied(MembershipStep.StartMember.class);
        assertThat(start.learners()).isEqualTo(1);
        assertThat(statefulSetReplicas()).isEqualTo(4);
    }

    @Test
    void aStalledMajorityIsQuorumLostAndNothingChanges() {
        round();
        app.getSpec().getEtcd().setMembers(5);
        etcd.pause(etcd.members().get(1));
        etcd.pause(etcd.members().get(2));
        try {
            MembershipReport report = round();
            assertThat(report.step()).isInstanceOf(MembershipStep.QuorumLost.class);
            assertThat(report.step().message()).contains("restoreFrom");
            assertThat(statefulSetReplicas()).isEqualTo(3);
            assertThat(config()).doesNotContainKey(EtcdMembersConfig.joinIdKey("hits-etcd-3"));
        } finally {
            etcd.resume(etcd.members().get(1));
            etcd.resume(etcd.members().get(2));
        }
        assertThat(untilApplied(MembershipStep.AddLearner.class).learners()).isZero();
    }

    @Test
    void nothingIsPlannedBeforeAnyMemberPodIsReady() {
        client.pods().inNamespace(NS).delete();
        await().until(() -> client.pods().inNamespace(NS).list().getItems().isEmpty());

        assertThat(membership.round(app, client, live(), Optional.empty())).isEmpty();
        assertThat(config()).doesNotContainKey(EtcdMembersConfig.BOOTSTRAPPED);
    }

    private MembershipReport untilApplied(Class<? extends MembershipStep> step) {
        var last = new MembershipReport[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .alias("a round applies " + step.getSimpleName())
                .until(
                        () -> {
                            last[0] = round();
                            return step.isInstance(last[0].step()) && last[0].applied();
                        });
        return last[0];
    }

    private MembershipReport round() {
        return membership.round(app, client, live(), Optional.empty()).orElseThrow();
    }

    private StatefulSet live() {
        return client.apps().statefulSets().inNamespace(NS).withName(Names.etcd(app)).get();
    }

    private int statefulSetReplicas() {
        return live().getSpec().getReplicas();
    }

    private Map<String, String> config() {
        return client.configMaps().inNamespace(NS).withName(Names.etcdMembers(app)).get().getData();
    }

    private StatefulSet statefulSet(int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(Names.etcd(app))
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .withNewStatus()
                .withUpdateRevision("rev-1")
                .endStatus()
                .build();
    }

    private io.fabric8.kubernetes.api.model.Pod pod(int ordinal) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(Names.etcd(app) + "-" + ordinal)
                .withNamespace(NS)
                .withLabels(Labels.of(app, Part.ETCD))
                .addToLabels("controller-revision-hash", "rev-1")
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
    }

}
