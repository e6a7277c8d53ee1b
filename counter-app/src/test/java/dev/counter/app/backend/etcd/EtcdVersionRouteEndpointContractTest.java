package dev.counter.app.backend.etcd;

import dev.counter.app.config.IncrementRoute;

/** {@link EtcdEndpointContractTest} with every +1 as its own conflict-free transaction. */
class EtcdVersionRouteEndpointContractTest extends EtcdEndpointContractTest {
    @Override
    protected IncrementRoute route() {
        return IncrementRoute.VERSION;
    }
}
