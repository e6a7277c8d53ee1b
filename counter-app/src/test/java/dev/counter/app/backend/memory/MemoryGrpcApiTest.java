package dev.counter.app.backend.memory;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.GrpcApiContract;
import dev.counter.app.config.Strategy;
import java.util.HashMap;
import java.util.Map;

/** The memory store is the process: both instances are listeners on one backend. */
class MemoryGrpcApiTest extends GrpcApiContract {
    private final Map<String, CounterBackend> stores = new HashMap<>();

    @Override
    protected CounterBackend newBackend(String counterKey) {
        return stores.computeIfAbsent(counterKey, k -> new MemoryBackend(Strategy.QUEUE));
    }
}
