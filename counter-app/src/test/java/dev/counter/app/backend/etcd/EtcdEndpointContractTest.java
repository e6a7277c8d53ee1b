package dev.counter.app.backend.etcd;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.config.IncrementRoute;
import dev.counter.app.http.EndpointContractTest;
import dev.counter.testkit.SharedStores;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The whole HTTP contract against a real single-member etcd; each test gets its own counter key. */
class EtcdEndpointContractTest extends EndpointContractTest {
    /** How +1s reach etcd; a subclass runs everything again with the other route. */
    protected IncrementRoute route() {
        return IncrementRoute.COMBINE;
    }

    @Override
    protected CounterBackend newBackend() {
        return new EtcdBackend(List.of(URI.create(SharedStores.etcd().endpoints())), "test-" + UUID.randomUUID(), Duration.ofSeconds(2),
                route());
    }

    @Override
    protected String backendId() {
        return "etcd";
    }

    @Override
    protected String expectedHealthz() {
        return "etcd members = 1";
    }

    @Override
    protected List<String> storeFamilies() {
        return List.of("counter_etcd_commits_total", "counter_etcd_committed_steps_total", "counter_etcd_conflicts_total",
                "counter_etcd_fibonacci_commits_total", "counter_queue_depth",
                "counter_backpressure_rejections_total", "counter_deadline_unsent_total", "counter_deadline_in_flight_total",
                "counter_batch_failures_total", "counter_batch_size", "counter_store_reconnects_total",
                "counter_state_lost", "counter_store_value_unusable");
    }
}
