package dev.counter.app.backend.etcd;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.http.EndpointContractTest;
import dev.counter.testkit.EtcdCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole HTTP contract against a real single-member etcd; each test gets its own counter key. */
class EtcdEndpointContractTest extends EndpointContractTest {
    private static EtcdCluster etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdCluster.start(1);
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    @Override
    protected CounterBackend newBackend() {
        return new EtcdBackend(List.of(URI.create(etcd.endpoints())), "test-" + UUID.randomUUID(), Duration.ofSeconds(2));
    }

    @Override
    protected String backendId() {
        return "etcd";
    }

    @Override
    protected String expectedHealthz() {
        return "etcd members = 1";
    }
}
