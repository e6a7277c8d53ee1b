package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.testing.CounterApps;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtcdTopologyTest {

    @ParameterizedTest
    @CsvSource({"1,1", "3,2", "5,3"})
    void everyMemberIsListedAndAMajorityIsTheQuorum(int members, int quorum) {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        app.getSpec().getEtcd().setMembers(members);

        assertThat(EtcdTopology.quorum(members)).isEqualTo(quorum);
        assertThat(EtcdTopology.memberNames(app)).hasSize(members).first().isEqualTo("hits-etcd-0");
        assertThat(List.of(EtcdTopology.initialCluster(app).split(",")))
                .hasSize(members)
                .last()
                .isEqualTo(
                        "hits-etcd-%d=http://hits-etcd-%d.hits-etcd-peers.counters.svc:2380"
                                .formatted(members - 1, members - 1));
        assertThat(EtcdTopology.clientUrl(app)).isEqualTo("http://hits-etcd.counters.svc:2379");
    }
}
