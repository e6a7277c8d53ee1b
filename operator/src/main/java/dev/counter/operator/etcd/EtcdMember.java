package dev.counter.operator.etcd;

import java.util.List;

/**
 * One entry of etcd's member list. {@code name} is empty for a member that was added but has not
 * started yet (etcd learns the name from the member's first start).
 */
public record EtcdMember(
        long id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {

    public EtcdMember {
        name = name == null ? "" : name;
        peerUrls = List.copyOf(peerUrls);
        clientUrls = List.copyOf(clientUrls);
    }

    /** Added to the cluster but never started: etcd knows its peer URL only. */
    public boolean started() {
        return !name.isEmpty();
    }

    /** etcd prints member ids in hex ({@code etcdctl member list}); so do our messages. */
    public String hexId() {
        return Long.toHexString(id);
    }
}
