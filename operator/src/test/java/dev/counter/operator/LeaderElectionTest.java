package dev.counter.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.config.OperatorConfig;
import dev.counter.operator.model.Backend;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** With LEADER_ELECTION=true the operator reconciles only once it holds the Lease. */
class LeaderElectionTest {

    private static final String LEASE_NAMESPACE = "operators";

    @Test
    void reconcilesAfterAcquiringTheCounterOperatorLock() {
        try (MockCluster cluster = MockCluster.start()) {
            allowLeases(cluster);
            KubernetesClient client = cluster.client();
            OperatorConfig config =
                    OperatorConfig.fromEnvironment(
                            Map.of(
                                    "LEADER_ELECTION",
                                    "true",
                                    "POD_NAMESPACE",
                                    LEASE_NAMESPACE,
                                    "SSA_ENABLED",
                                    "false"));

            var lostLeadership = new AtomicBoolean();
            try (var operator =
                    new CounterOperator(
                            client,
                            config,
                            config.leaseNamespace(),
                            new SimpleMeterRegistry(),
                            () -> lostLeadership.set(true))) {
                operator.start();
                client.resource(CounterApps.newApp("elected", Backend.MEMORY)).create();

                Await.until(
                        "lease",
                        () ->
                                lease(client) != null
                                        && lease(client).getSpec().getHolderIdentity() != null);
                Await.until(
                        "deployment",
                        () ->
                                client.apps()
                                                .deployments()
                                                .inNamespace(CounterApps.NAMESPACE)
                                                .withName("elected")
                                                .get()
                                        != null);
                assertThat(lease(client).getMetadata().getName())
                        .isEqualTo("counter-operator-lock");
            }
            // stopping on purpose is not losing the Lease (JOSDK alone would call System.exit here)
            assertThat(lostLeadership).isFalse();
        }
    }

    /** The mock has no RBAC: answer JOSDK's permission check as a cluster granting leases would. */
    private static void allowLeases(MockCluster cluster) {
        cluster.server()
                .expect()
                .post()
                .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(
                        201,
                        new SelfSubjectRulesReviewBuilder()
                                .withNewSpec()
                                .withNamespace(LEASE_NAMESPACE)
                                .endSpec()
                                .withNewStatus()
                                .withIncomplete(false)
                                .addNewResourceRule()
                                .withApiGroups("coordination.k8s.io")
                                .withResources("leases")
                                .withVerbs("get", "create", "update")
                                .endResourceRule()
                                .endStatus()
                                .build())
                .always();
    }

    private static Lease lease(KubernetesClient client) {
        return client.leases()
                .inNamespace(LEASE_NAMESPACE)
                .withName(OperatorConfig.LEASE_NAME)
                .get();
    }
}
