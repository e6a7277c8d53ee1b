package dev.counter.app.backend.redis;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.GrpcApiContract;
import dev.counter.testkit.SharedStores;
import java.net.URI;
import java.time.Duration;

class RedisGrpcApiTest extends GrpcApiContract {
    @Override
    protected CounterBackend newBackend(String counterKey) {
        return new RedisBackend(URI.create(SharedStores.redis().url()), counterKey, Duration.ofSeconds(5));
    }
}
