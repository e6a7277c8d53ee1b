package dev.counter.app.http;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.memory.MemoryBackend;
import dev.counter.app.config.Strategy;

class MemoryEndpointContractTest extends EndpointContractTest {
    @Override
    protected CounterBackend newBackend() {
        return new MemoryBackend(Strategy.ATOMIC);
    }

    @Override
    protected String backendId() {
        return "memory";
    }

    @Override
    protected String expectedHealthz() {
        return "backend memory: ok";
    }
}
