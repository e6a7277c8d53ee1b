package dev.counter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Check 6: two operator processes, as the two replicas of operator/deploy: only the Lease holder
 * writes; SIGKILL of the holder hands the Lease and the work to the other. Last, as it replaces the
 * suite's operator.
 */
@Order(6)
@ExtendWith(E2eCluster.class)
class LeaderElectionE2eTest {

    private static final String NS = "leader";

    @Test
    void onlyTheLeaseHolderWritesAndKillingItHandsOver() {
        Cluster.createNamespace(NS, Map.of());
        OperatorProcess first = E2eCluster.operator();
        assertThat(holder()).isEqualTo(first.name());
        OperatorProcess second = E2eCluster.startOperator("operator-b");

        assertThat(Cluster.applySample("memory.yaml", NS).exitCode()).isZero();
        Cluster.awaitReady(NS, "counter-memory");
        assertThat(holder()).isEqualTo(first.name());
        assertThat(writes(first.name())).isNotEmpty();
        assertThat(writes(second.name())).as("writes of the replica without the Lease").isEmpty();

        first.kill();
        E2eCluster.operatorIs(second);
        // the Lease runs out (15 s) before the other replica may take it
        await("operator-b holds the Lease")
                .atMost(Duration.ofMinutes(1))
                .until(() -> second.name().equals(holder()));
        assertThat(Cluster.applySample("redis-external.yaml", NS).exitCode()).isZero();
        Cluster.awaitReady(NS, "counter-redis-external");
        assertThat(writes(second.name()))
                .anySatisfy(w -> assertThat(w).contains("counter-redis-external"));
        assertThat(second.isAlive()).isTrue();
    }

    private static String holder() {
        Lease lease =
                Cluster.client()
                        .leases()
                        .inNamespace(Installation.OPERATOR_NAMESPACE)
                        .withName("counter-operator-lock")
                        .get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** The operator's writes by one process (its User-Agent), leader election aside. */
    private static List<String> writes(String process) {
        return AuditLog.read().stream()
                .filter(r -> r.userAgent().startsWith(process) && r.changesState() && !r.isLease())
                .map(AuditLog.Request::describe)
                .toList();
    }
}
