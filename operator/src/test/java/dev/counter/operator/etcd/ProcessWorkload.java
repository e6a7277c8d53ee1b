package dev.counter.operator.etcd;

import dev.counter.testkit.EtcdCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * testkit etcd processes standing in for a StatefulSet's pods: ordinal 0 is the bootstrapped
 * member, ordinals 1..4 have pre-picked ports and join the running cluster when "scheduled".
 */
public final class ProcessWorkload implements MemberWorkload {
    private final EtcdCluster etcd;
    private final List<EtcdCluster.Member> ordinals = new ArrayList<>();
    private final Set<Integer> outdated = new HashSet<>();
    private final List<Integer> restarts = new ArrayList<>();
    private GatewayEtcdAdmin admin;
    private int replicas;

    public ProcessWorkload(EtcdCluster etcd, int bootstrapped) {
        this.etcd = etcd;
        ordinals.addAll(etcd.members());
        for (int i = ordinals.size(); i < 5; i++) {
            ordinals.add(etcd.spare("m" + i));
        }
        this.replicas = bootstrapped;
    }

    public void admin(GatewayEtcdAdmin admin) {
        this.admin = admin;
    }

    public EtcdCluster.Member member(int ordinal) {
        return ordinals.get(ordinal);
    }

    public int replicas() {
        return replicas;
    }

    void markOutdated(int ordinal) {
        outdated.add(ordinal);
    }

    List<Integer> restarts() {
        return List.copyOf(restarts);
    }

    public List<MemberPod> pods(int target) {
        List<MemberPod> pods = new ArrayList<>();
        for (int i = 0; i < Math.max(target, replicas); i++) {
            EtcdCluster.Member m = ordinals.get(i);
            boolean exists = i < replicas;
            boolean running = etcd.running(m);
            // A process that exited while its pod should run is how a member with lost data shows here.
            pods.add(new MemberPod(i, m.name(), m.peerUrl(), m.clientUrl(), exists,
                    exists && running && etcd.healthy(m), exists && !running, outdated.contains(i)));
        }
        return pods;
    }

    @Override
    public void scaleTo(int newReplicas) {
        for (int i = newReplicas; i < replicas; i++) {
            etcd.kill(ordinals.get(i));
            etcd.wipe(ordinals.get(i));
        }
        for (int i = replicas; i < newReplicas; i++) {
            start(i);
        }
        replicas = newReplicas;
    }

    @Override
    public void restart(int ordinal) {
        EtcdCluster.Member m = ordinals.get(ordinal);
        if (etcd.running(m)) {
            etcd.kill(m);
        } else {
            // The pod of a member that lost its data starts from an empty dir, as the pod script does.
            etcd.wipe(m);
        }
        outdated.remove(ordinal);
        restarts.add(ordinal);
        start(ordinal);
    }

    private void start(int ordinal) {
        EtcdCluster.Member self = ordinals.get(ordinal);
        etcd.join(self, initialCluster(self));
    }

    // --initial-cluster must list every current member by the name it starts with.
    private String initialCluster(EtcdCluster.Member self) {
        try {
            return admin.members().stream()
                    .map(m -> ordinals.stream().filter(o -> m.peerUrls().contains(o.peerUrl())).findFirst()
                            .orElseThrow())
                    .map(o -> o.name() + "=" + o.peerUrl())
                    .collect(Collectors.joining(","));
        } catch (EtcdAdminException e) {
            throw new IllegalStateException("cannot start " + self.name() + ": no member list", e);
        }
    }
}
