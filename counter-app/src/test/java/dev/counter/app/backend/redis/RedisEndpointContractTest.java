package dev.counter.app.backend.redis;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.http.EndpointContractTest;
import dev.counter.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole HTTP contract against a real redis-server; each test gets its own counter key. */
class RedisEndpointContractTest extends EndpointContractTest {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected CounterBackend newBackend() {
        return new RedisBackend(URI.create(redis.url()), "test-" + UUID.randomUUID(), Duration.ofSeconds(2));
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
