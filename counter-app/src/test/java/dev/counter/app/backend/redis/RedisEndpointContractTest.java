package dev.counter.app.backend.redis;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.http.EndpointContractTest;
import dev.counter.testkit.SharedStores;
import java.net.URI;
import java.time.Duration;
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
}
