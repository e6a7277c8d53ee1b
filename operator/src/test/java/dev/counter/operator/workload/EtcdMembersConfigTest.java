package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtcdMembersConfigTest {

    private final CounterApp app = CounterApps.stored("hits", Backend.ETCD);

    @Test
    void theBootstrapListsEveryMemberOfTheTargetByPeerDnsName() {
        assertThat(Names.etcdMembers(app)).isEqualTo("hits-etcd-members");
        assertThat(EtcdMembersConfig.bootstrap(app))
                .containsExactly(
                        Map.entry(
                                "bootstrap",
                                String.join(
                                        ",",
                                        "hits-etcd-0=http://hits-etcd-0.hits-etcd-peers.counters.svc:2380",
                                        "hits-etcd-1=http://hits-etcd-1.hits-etcd-peers.counters.svc:2380",
                                        "hits-etcd-2=http://hits-etcd-2.hits-etcd-peers.counters.svc:2380")));
    }

    @Test
    void aJoinEntryListsTheCurrentMembersThenTheNewOneUnderItsKeys() {
        var entries =
                EtcdMembersConfig.join(
                        app,
                        List.of("hits-etcd-0", "hits-etcd-1", "hits-etcd-2"),
                        "hits-etcd-3",
                        "j-1");

        assertThat(entries)
                .containsOnlyKeys("join.hits-etcd-3.id", "join.hits-etcd-3.cluster")
                .containsEntry("join.hits-etcd-3.id", "j-1");
        assertThat(entries.get("join.hits-etcd-3.cluster").split(","))
                .containsExactly(
                        "hits-etcd-0=http://hits-etcd-0.hits-etcd-peers.counters.svc:2380",
                        "hits-etcd-1=http://hits-etcd-1.hits-etcd-peers.counters.svc:2380",
                        "hits-etcd-2=http://hits-etcd-2.hits-etcd-peers.counters.svc:2380",
                        "hits-etcd-3=http://hits-etcd-3.hits-etcd-peers.counters.svc:2380");
    }

    @Test
    void aMemberListedAsCurrentAlreadyIsNamedOnlyOnce() {
        var entries =
                EtcdMembersConfig.join(
                        app, List.of("hits-etcd-0", "hits-etcd-1"), "hits-etcd-1", "j-2");
        assertThat(entries.get("join.hits-etcd-1.cluster").split(",")).hasSize(2);
    }
}
