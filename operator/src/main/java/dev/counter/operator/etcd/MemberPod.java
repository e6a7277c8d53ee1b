package dev.counter.operator.etcd;

/**
 * A StatefulSet ordinal as Kubernetes sees it. {@code dataLost}: the pod says its volume has no
 * data for a member of a bootstrapped cluster (or etcd reports a member ID mismatch); {@code
 * outdated}: it runs another version than the spec asks for.
 */
public record MemberPod(
        int ordinal,
        String name,
        String peerUrl,
        String clientUrl,
        boolean exists,
        boolean ready,
        boolean dataLost,
        boolean outdated) {}
