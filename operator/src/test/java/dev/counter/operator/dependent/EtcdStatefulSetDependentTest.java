package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdStatefulSetDependentTest {

    @Test
    void membersBootstrapFromTheirPeerDnsNames() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        Container member = pod(EtcdStatefulSetDependent.desired(app, Optional.empty())).getContainers().get(0);

        assertThat(member.getCommand()).containsExactly("etcd");
        assertThat(member.getArgs())
                .contains(
                        "--initial-cluster=hits-etcd-0=http://hits-etcd-0.hits-etcd-peers.counters.svc:2380,"
                            + "hits-etcd-1=http://hits-etcd-1.hits-etcd-peers.counters.svc:2380,"
                            + "hits-etcd-2=http://hits-etcd-2.hits-etcd-peers.counters.svc:2380",
                        "--initial-advertise-peer-urls=http://$(POD_NAME).hits-etcd-peers.counters.svc:2380",
                        "--advertise-client-urls=http://$(POD_NAME).hits-etcd-peers.counters.svc:2379",
                        "--initial-cluster-token=counters-hits-etcd");
        assertThat(member.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.name");
        assertThat(member.getImage()).doesNotEndWith(":latest");
    }

    @Test
    void membersAreRestartedByTheOperatorAndARemovedMembersClaimIsDeleted() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        var spec = EtcdStatefulSetDependent.desired(app, Optional.empty()).getSpec();

        assertThat(spec.getUpdateStrategy().getType()).isEqualTo("OnDelete");
        assertThat(spec.getTemplate().getSpec().getContainers().get(0).getTerminationMessagePolicy())
                .isEqualTo("FallbackToLogsOnError");
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
    void onlyARestoreAddsInitContainersAndTheSnapshotVolume() {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        PodSpec plain = pod(EtcdStatefulSetDependent.desired(app, Optional.empty()));
        assertThat(plain.getInitContainers()).isNullOrEmpty();
        assertThat(plain.getVolumes()).isNullOrEmpty();

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
