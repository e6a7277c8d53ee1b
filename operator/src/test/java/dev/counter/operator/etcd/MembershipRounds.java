package dev.counter.operator.etcd;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Observe, plan and execute rounds on testkit processes, as the reconciler runs them, until the
 * planner says Steady: the steps applied, and the messages of rounds etcd refused.
 */
public final class MembershipRounds {
    private final GatewayEtcdAdmin admin;
    private final ProcessWorkload workload;
    private final Set<String> refusals = new LinkedHashSet<>();

    public MembershipRounds(GatewayEtcdAdmin admin, ProcessWorkload workload) {
        this.admin = admin;
        this.workload = workload;
    }

    public ClusterView observe(int target) {
        return ClusterObserver.observe(target, workload.replicas(), workload.pods(target), admin);
    }

    /** Runs rounds until the cluster of {@code target} members is steady; the steps applied. */
    public List<MembershipStep> converge(int target) {
        List<MembershipStep> steps = new ArrayList<>();
        MembershipExecutor executor = new MembershipExecutor(admin, workload);
        await("cluster of " + target + " steady").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ClusterView view = observe(target);
                    MembershipStep step = MembershipPlanner.next(view);
                    // etcd refuses some changes for a while (a new voter not yet connected for 5 s):
                    // such a round applies nothing and the next one plans again.
                    MembershipExecutor.Outcome outcome = executor.execute(view, step);
                    if (outcome.applied()) {
                        steps.add(step);
                    } else {
                        refusals.add(outcome.message());
                    }
                    return step instanceof MembershipStep.Steady;
                });
        return List.copyOf(steps);
    }

    /** What etcd refused on the way, once each. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }
}
