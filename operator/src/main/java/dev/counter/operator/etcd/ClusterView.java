package dev.counter.operator.etcd;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one planning step looks at: the size the spec asks for, the StatefulSet's current
 * replicas, every ordinal's pod (0 up to max(target, replicas) - 1), etcd's member list (empty
 * when no member answered) and the status of each member that answered, by member id.
 */
public record ClusterView(
        int targetMembers,
        int statefulSetReplicas,
        List<MemberPod> pods,
        Optional<List<EtcdMember>> members,
        Map<Long, EndpointStatus> statuses) {

    public ClusterView {
        pods = List.copyOf(pods);
        members = members.map(List::copyOf);
        statuses = Map.copyOf(statuses);
    }
}
