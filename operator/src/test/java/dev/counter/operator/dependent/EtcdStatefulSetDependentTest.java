package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.workload.Scripts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdStatefulSetDependentTest {

    @Test
    void membersStartThroughTheScriptFromTheMembersConfigMapWithTheirPeerDnsNames() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        PodSpec pod = pod(EtcdStatefulSetDependent.desired(app, Optional.empty()));
        Container member = pod.getContainers().get(0);

        assertThat(member.getCommand()).containsExactly("/tools/sh", "-c", Scripts.ETCD_START);
        assertThat(member.getArgs().get(0)).isEqualTo("etcd-start");
        assertThat(member.getArgs())
                .contains(
                        "--initial-advertise-peer-urls=http://$(POD_NAME).hits-etcd-peers.counters.svc:2380",
                        "--advertise-client-urls=http://$(POD_NAME).hits-etcd-peers.counters.svc:2379",
                        "--initial-cluster-token=counters-hits-etcd")
                .noneMatch(arg -> arg.startsWith("--initial-cluster="))
                .noneMatch(arg -> arg.startsWith("--initial-cluster-state"));
        assertThat(member.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.name");
        assertThat(member.getEnv())
                .extracting(EnvVar::getName, EnvVar::getValue)
                .contains(
                        tuple("MEMBER_NAME", "$(POD_NAME)"),
                        tuple("DATA_DIR", "/var/lib/etcd/data"),
                        tuple("MEMBERS_DIR", "/etc/etcd-members"));
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getConfigMap() != null)
                .singleElement()
                .satisfies(
                        v -> assertThat(v.getConfigMap().getName()).isEqualTo("hits-etcd-members"));
        assertThat(member.getImage()).doesNotEndWith(":latest");
    }

    @Test
    void thePodTemplateIsTheSameForEveryMemberCount() {
        CounterApp three = CounterApps.stored("hits", Backend.ETCD);
        three.getSpec().setEtcd(new EtcdSpec());
        CounterApp five = CounterApps.stored("hits", Backend.ETCD);
        five.getSpec().setEtcd(new EtcdSpec());
        five.getSpec().getEtcd().setMembers(5);

        assertThat(EtcdStatefulSetDependent.desired(five, Optional.empty()).getSpec().getTemplate())
                .isEqualTo(
                        EtcdStatefulSetDependent.desired(three, Optional.empty())
                                .getSpec()
                                .getTemplate());
    }

    @Test
    void membersAreRestartedByTheOperatorAndARemovedMembersClaimIsDeleted() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        var spec = EtcdStatefulSetDependent.desired(app, Optional.empty()).getSpec();

        assertThat(spec.getUpdateStrategy().getType()).isEqualTo("OnDelete");
        Container member = spec.getTemplate().getSpec().getContainers().get(0);
        assertThat(member.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenScaled())
                .isEqualTo("Delete");
        assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
                .isEqualTo("Retain");
    }

    @Test
    void theTargetSetsTheReplicasOnlyAtCreationThenTheLiveCountStays() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        app.getSpec().getEtcd().setMembers(5);
        assertThat(EtcdStatefulSetDependent.desired(app, Optional.empty()).getSpec().getReplicas())
                .isEqualTo(5);

        StatefulSet live =
                new StatefulSetBuilder().withNewSpec().withReplicas(4).endSpec().build();
        assertThat(EtcdStatefulSetDependent.desired(app, Optional.of(live)).getSpec().getReplicas())
                .isEqualTo(4);
    }

    @Test
    void theQuotaStaysBelowTheVolumeSizeAndWithinEtcdsLimit() {
        var etcd = new EtcdSpec();
        assertThat(EtcdStatefulSetDependent.quotaBytes(etcd)).isEqualTo(805_306_368L);
        etcd.getStorage().setSize("100Gi");
        assertThat(EtcdStatefulSetDependent.quotaBytes(etcd)).isEqualTo(8L * 1024 * 1024 * 1024);
    }

    @Test
    void onlyARestoreAddsTheRestoreContainerAndTheSnapshotVolume() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        PodSpec plain = pod(EtcdStatefulSetDependent.desired(app, Optional.empty()));
        assertThat(plain.getInitContainers())
                .extracting(Container::getName)
                .containsExactly("install-shell-tools");
        assertThat(plain.getVolumes())
                .extracting(Volume::getName)
                .containsExactly("shell-tools", "members");

        app.getSpec().getEtcd().getSnapshots().setEnabled(true);
        app.getSpec().getEtcd().setRestoreFrom("hits-etcd-snapshot-1.db");
        PodSpec restoring = pod(EtcdStatefulSetDependent.desired(app, Optional.empty()));
        assertThat(restoring.getInitContainers())
                .extracting(Container::getName)
                .containsExactly("install-shell-tools", EtcdStatefulSetDependent.RESTORE_CONTAINER);
        assertThat(restoring.getInitContainers())
                .allSatisfy(c -> assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue());
    }

    private static PodSpec pod(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec();
    }
}
