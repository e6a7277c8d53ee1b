package dev.counter.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberPodsTest {

    private static final MemberEndpoints LOOPBACK =
            new MemberEndpoints() {
                @Override
                public String peerUrl(String member) {
                    return "http://127.0.0.1:1/" + member;
                }

                @Override
                public String clientUrl(String member) {
                    return "http://127.0.0.1:2/" + member;
                }
            };

    @Test
    void everyOrdinalOfTheReplicasIsListedWithItsEndpointsAndReadiness() {
        List<MemberPod> members =
                MemberPods.of(
                        statefulSet(3, "rev-2"),
                        List.of(
                                pod("hits-etcd-0", "rev-2", true),
                                pod("hits-etcd-2", "rev-2", false)),
                        LOOPBACK);

        assertThat(members)
                .containsExactly(
                        new MemberPod(
                                0,
                                "hits-etcd-0",
                                "http://127.0.0.1:1/hits-etcd-0",
                                "http://127.0.0.1:2/hits-etcd-0",
                                true,
                                true,
                                false,
                                false),
                        new MemberPod(
                                1,
                                "hits-etcd-1",
                                "http://127.0.0.1:1/hits-etcd-1",
                                "http://127.0.0.1:2/hits-etcd-1",
                                false,
                                false,
                                false,
                                false),
                        new MemberPod(
                                2,
                                "hits-etcd-2",
                                "http://127.0.0.1:1/hits-etcd-2",
                                "http://127.0.0.1:2/hits-etcd-2",
                                true,
                                false,
                                false,
                                false));
    }

    @Test
    void aPodOfAnotherRevisionIsOutdatedAndOnePastTheReplicasStillCounts() {
        List<MemberPod> members =
                MemberPods.of(
                        statefulSet(1, "rev-2"),
                        List.of(
                                pod("hits-etcd-0", "rev-1", true),
                                pod("hits-etcd-1", "rev-2", true)),
                        LOOPBACK);

        assertThat(members)
                .extracting(MemberPod::name)
                .containsExactly("hits-etcd-0", "hits-etcd-1");
        assertThat(members).extracting(MemberPod::outdated).containsExactly(true, false);
    }

    @Test
    void theStartScriptsMessageOrEtcdsIdMismatchMarkTheDataLost() {
        Pod noData = pod("hits-etcd-0", "rev-1", false);
        noData.getStatus()
                .setContainerStatuses(
                        List.of(
                                new ContainerStatusBuilder()
                                        .withName("etcd")
                                        .withNewLastState()
                                        .withNewTerminated()
                                        .withExitCode(1)
                                        .withMessage(
                                                "member hits-etcd-0 has no data for a bootstrapped"
                                                        + " cluster\n")
                                        .endTerminated()
                                        .endLastState()
                                        .build()));
        Pod mismatch = pod("hits-etcd-1", "rev-1", false);
        mismatch.getStatus()
                .setContainerStatuses(
                        List.of(
                                new ContainerStatusBuilder()
                                        .withName("etcd")
                                        .withNewState()
                                        .withNewTerminated()
                                        .withExitCode(1)
                                        .withMessage(
                                                "{\"level\":\"fatal\",\"msg\":\"member ID mismatch\"}")
                                        .endTerminated()
                                        .endState()
                                        .build()));
        Pod crashedOtherwise = pod("hits-etcd-2", "rev-1", false);
        crashedOtherwise
                .getStatus()
                .setContainerStatuses(
                        List.of(
                                new ContainerStatusBuilder()
                                        .withName("etcd")
                                        .withNewLastState()
                                        .withNewTerminated()
                                        .withExitCode(137)
                                        .withMessage("OOMKilled")
                                        .endTerminated()
                                        .endLastState()
                                        .build()));

        assertThat(
                        MemberPods.of(
                                statefulSet(3, "rev-1"),
                                List.of(noData, mismatch, crashedOtherwise),
                                LOOPBACK))
                .extracting(MemberPod::dataLost)
                .containsExactly(true, true, false);
    }

    private static StatefulSet statefulSet(int replicas, String updateRevision) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName("hits-etcd")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .withNewStatus()
                .withUpdateRevision(updateRevision)
                .endStatus()
                .build();
    }

    private static Pod pod(String name, String revision, boolean ready) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("controller-revision-hash", revision)
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build();
    }
}
