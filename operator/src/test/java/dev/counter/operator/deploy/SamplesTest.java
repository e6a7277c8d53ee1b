package dev.counter.operator.deploy;

import static dev.counter.operator.testing.Lookups.phase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.Phase;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.DeploymentStatuses;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import dev.counter.operator.testing.RecordingDispatcher.Request;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in samples/ goes through the real operator on the mock API as a user would apply it,
 * and converges to Ready (the test plays the controllers the mock lacks: Deployment and StatefulSet
 * statuses, the NFS Service's cluster IP) or, for the invalid one, is refused. Then every request
 * the operator made on the way is checked against rbac.yaml.
 */
@TestMethodOrder(OrderAnnotation.class)
class SamplesTest {
    private static final String USER_AGENT = "samples-test";
    private static final String NS = CounterApps.NAMESPACE;

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    /** The user's client: its requests are not the operator's. */
    private static KubernetesClient user;

    @BeforeAll
    static void openUserClient() {
        user = operator.harness().cluster().clientWithUserAgent(USER_AGENT);
    }

    @AfterAll
    static void closeUserClient() {
        user.close();
    }

    static Stream<Path> samples() throws IOException {
        return Files.list(Manifests.ROOT.resolve("samples"))
                .filter(p -> p.toString().endsWith(".yaml"))
                .sorted();
    }

    @Order(1)
    @ParameterizedTest
    @MethodSource("samples")
    void convergesOrIsRefused(Path file) {
        CounterApp app = (CounterApp) Manifests.load(file).get(0);
        app.getMetadata().setNamespace(NS);
        String name = app.getMetadata().getName();
        user.resource(app).create();

        if (file.getFileName().toString().startsWith("invalid-")) {
            Await.until(name + " refused", () -> phase(user, name) == Phase.Invalid);
            assertThat(CounterApps.get(user, name).getStatus().condition(ConditionTypes.VALID))
                    .hasValueSatisfying(
                            c -> assertThat(c.getReason()).isEqualTo("MultiReplicaMemory"));
            assertThat(Events.exists(user, name, "Warning", "MultiReplicaMemory")).isTrue();
            assertThat(user.apps().deployments().inNamespace(NS).withName(name).get())
                    .as("nothing is created for a refused CounterApp")
                    .isNull();
            return;
        }

        Await.until(
                name + " deployment",
                () -> user.apps().deployments().inNamespace(NS).withName(name).get() != null);
        int replicas = app.getSpec().getReplicas() == null ? 1 : app.getSpec().getReplicas();
        DeploymentStatuses.write(
                user, name, generation -> DeploymentStatuses.rolledOut(generation, replicas));
        playStoreControllers(name);
        Await.until(name + " ready", () -> phase(user, name) == Phase.Ready);
        assertThat(CounterApps.get(user, name).getStatus().getReadyReplicas()).isEqualTo(replicas);
    }

    /** The StatefulSet controller and the Service IP allocator the mock API does not have. */
    private static void playStoreControllers(String name) {
        for (String store : new String[] {name + "-redis", name + "-etcd"}) {
            StatefulSet statefulSet =
                    user.apps().statefulSets().inNamespace(NS).withName(store).get();
            if (statefulSet != null) {
                int members = statefulSet.getSpec().getReplicas();
                user.apps()
                        .statefulSets()
                        .inNamespace(NS)
                        .withName(store)
                        .editStatus(
                                s -> {
                                    s.setStatus(
                                            new StatefulSetStatusBuilder()
                                                    .withReplicas(members)
                                                    .withReadyReplicas(members)
                                                    .build());
                                    return s;
                                });
            }
        }
        Service nfs = user.services().inNamespace(NS).withName(name + "-nfs").get();
        if (nfs != null) {
            user.services()
                    .inNamespace(NS)
                    .withName(name + "-nfs")
                    .edit(
                            s -> {
                                s.getSpec().setClusterIP("10.96.0.42");
                                return s;
                            });
            Await.until(
                    name + " snapshot CronJob",
                    () ->
                            user.batch()
                                            .v1()
                                            .cronjobs()
                                            .inNamespace(NS)
                                            .withName(name + "-etcd-snapshot")
                                            .get()
                                    != null);
        }
    }

    @Order(2)
    @Test
    void everyRequestTheOperatorMadeIsGrantedByRbac() {
        Set<ApiPermission> used = new TreeSet<>();
        for (Request request : operator.harness().cluster().requests().since(0)) {
            ApiPermission permission = ApiPermission.of(request);
            // the harness installs the CRD through the operator's client before starting it; in a
            // cluster `make install` does that, with the user's rights
            boolean installingTheCrd = permission.resource().equals("customresourcedefinitions");
            if (!USER_AGENT.equals(request.userAgent()) && !installingTheCrd) {
                used.add(permission);
            }
        }
        assertThat(used).as("the operator made requests").isNotEmpty();
        assertThat(RbacTest.grantedAnywhere()).containsAll(used);
    }
}
