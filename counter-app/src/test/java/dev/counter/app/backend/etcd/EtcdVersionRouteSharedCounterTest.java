package dev.counter.app.backend.etcd;

import dev.counter.app.config.IncrementRoute;

/** {@link EtcdSharedCounterTest} with every +1 as its own conflict-free transaction. */
class EtcdVersionRouteSharedCounterTest extends EtcdSharedCounterTest {
    @Override
    protected IncrementRoute route() {
        return IncrementRoute.VERSION;
    }
}
