package dev.counter.operator.etcd;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.EtcdTopology;

/**
 * Where a member pod is reached. Injected, because in a cluster that is its DNS name under the peer
 * Service, while tests reach real etcd processes on loopback ports.
 */
public interface MemberEndpoints {

    String peerUrl(String member);

    String clientUrl(String member);

    /** Production: the pod's name under the headless peer Service. */
    static MemberEndpoints dns(CounterApp app) {
        return new MemberEndpoints() {
            @Override
            public String peerUrl(String member) {
                return EtcdTopology.peerUrl(app, member);
            }

            @Override
            public String clientUrl(String member) {
                return EtcdTopology.memberClientUrl(app, member);
            }
        };
    }
}
