package dev.counter.app.backend.etcd;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.GrpcApiContract;
import dev.counter.app.config.IncrementRoute;
import dev.counter.testkit.SharedStores;
import java.net.URI;
import java.time.Duration;
import java.util.List;

class EtcdGrpcApiTest extends GrpcApiContract {
    @Override
    protected CounterBackend newBackend(String counterKey) {
        return new EtcdBackend(List.of(URI.create(SharedStores.etcd().endpoints())), counterKey,
                Duration.ofSeconds(5), IncrementRoute.COMBINE);
    }
}
