package dev.counter.app.backend.etcd;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.SharedCounterContract;
import dev.counter.app.config.IncrementRoute;
import dev.counter.testkit.SharedStores;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Three instances on one etcd: their combiners also conflict with each other, and must retry. */
class EtcdSharedCounterTest extends SharedCounterContract {
    /** How +1s reach etcd; a subclass runs everything again with the other route. */
    protected IncrementRoute route() {
        return IncrementRoute.COMBINE;
    }

    @Override
    protected CounterBackend newBackend(String counterKey) {
        return new EtcdBackend(List.of(URI.create(SharedStores.etcd().endpoints())), counterKey,
                Duration.ofSeconds(5), route());
    }
}
