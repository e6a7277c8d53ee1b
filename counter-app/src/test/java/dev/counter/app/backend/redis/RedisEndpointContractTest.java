package dev.counter.app.backend.redis;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.http.EndpointContractTest;
import dev.counter.testkit.SharedStores;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The whole HTTP contract against a real redis-server; each test gets its own counter key. */
class RedisEndpointContractTest extends EndpointContractTest {
    @Override
    protected CounterBackend newBackend() {
        return new RedisBackend(URI.create(SharedStores.redis().url()), "test-" + UUID.randomUUID(), Duration.ofSeconds(2));
    }

    @Override
    protected String backendId() {
        return "redis";
    }

    @Override
    protected String expectedHealthz() {
        return "backend redis: ok";
    }

    @Override
    protected List<String> storeFamilies() {
        return List.of("counter_redis_status_calls_total", "counter_redis_status_requests_total", "counter_queue_depth",
                "counter_backpressure_rejections_total", "counter_deadline_unsent_total", "counter_deadline_in_flight_total",
                "counter_batch_failures_total", "counter_batch_size", "counter_store_reconnects_total",
                "counter_state_lost", "counter_store_value_unusable");
    }
}
