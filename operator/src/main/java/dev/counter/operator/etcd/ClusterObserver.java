package dev.counter.operator.etcd;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what the planner needs: the member list, then the status of every member that answers. */
public final class ClusterObserver {
    private ClusterObserver() {}

    public static ClusterView observe(int target, int statefulSetReplicas, List<MemberPod> pods, EtcdAdmin admin) {
        List<EtcdMember> members;
        try {
            members = admin.members();
        } catch (EtcdAdminException e) {
            return new ClusterView(target, statefulSetReplicas, pods, Optional.empty(), Map.of());
        }
        Map<Long, EndpointStatus> statuses = new HashMap<>();
        for (EtcdMember member : members) {
            if (member.clientUrls().isEmpty()) {
                continue;
            }
            try {
                EndpointStatus status = admin.status(URI.create(member.clientUrls().get(0)));
                statuses.put(status.memberId(), status);
            } catch (EtcdAdminException e) {
                // A member that does not answer is absent: the planner counts it as unhealthy.
            }
        }
        return new ClusterView(target, statefulSetReplicas, pods, Optional.of(members), statuses);
    }
}
