package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.configMap;
import static dev.counter.operator.testing.Lookups.deployment;
import static dev.counter.operator.testing.Lookups.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.dependent.DeploymentDependent;
import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.ServiceType;
import dev.counter.operator.model.Strategy;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.OperatorExtension;
import dev.counter.operator.workload.CounterImage;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Rollouts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The running operator turns CounterApps into ConfigMap, Deployment, Service and Ingress. */
class ReconciliationTest {

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    @Test
    void createsConfigMapDeploymentAndServiceOwnedByTheCounterApp() {
        CounterApp app = create(CounterApps.newApp("create", Backend.MEMORY));

        ConfigMap config = awaitConfigMap("create-config");
        assertThat(config.getData())
                .containsEntry("COUNTER_BACKEND", "memory")
                .containsEntry("COUNTER_STRATEGY", "atomic")
                .containsEntry("COUNTER_KEY", CounterApps.NAMESPACE + "/create");

        Deployment deployment = awaitDeployment("create");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(CounterImage.bundled());
        assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName())
                .isEqualTo("create-config");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("1"));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(DeploymentDependent.CONFIG_HASH_ANNOTATION);
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .containsOnlyKeys(Labels.NAME, Labels.INSTANCE);

        Service service = awaitService("create");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);

        String uid = app.getMetadata().getUid();
        for (HasMetadata owned : new HasMetadata[] {config, deployment, service}) {
            assertThat(owned.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(
                            ref -> {
                                assertThat(ref.getUid()).isEqualTo(uid);
                                assertThat(ref.getKind()).isEqualTo("CounterApp");
                                assertThat(ref.getController()).isTrue();
                            });
            assertThat(owned.getMetadata().getLabels())
                    .containsEntry(Labels.INSTANCE, "create")
                    .containsEntry(Labels.MANAGED_BY, Labels.OPERATOR);
        }
        assertThat(ingress("create")).isNull();
    }

    @Test
    void appliesChangesOfReplicasResourcesImageAndServiceType() {
        create(withRedis().apply(CounterApps.newApp("update", Backend.REDIS)));
        awaitDeployment("update");
        awaitService("update");

        edit(
                "update",
                app -> {
                    app.getSpec().setReplicas(3);
                    app.getSpec().setImage("registry.example/counter:2");
                    app.getSpec()
                            .setResources(
                                    new ResourceRequirementsBuilder()
                                            .addToRequests("cpu", new Quantity("250m"))
                                            .addToLimits("cpu", new Quantity("2000m"))
                                            .addToLimits("memory", new Quantity("1024Mi"))
                                            .build());
                    app.getSpec().getService().setType(ServiceType.NodePort);
                    app.getSpec().getService().setNodePort(30080);
                    return app;
                });

        Await.untilAsserted(
                () -> {
                    Deployment deployment =
                            operator.client()
                                    .apps()
                                    .deployments()
                                    .inNamespace(CounterApps.NAMESPACE)
                                    .withName("update")
                                    .get();
                    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
                    Container container =
                            deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                    assertThat(container.getImage()).isEqualTo("registry.example/counter:2");
                    // canonical quantities, as the API server would store them
                    assertThat(container.getResources().getLimits())
                            .containsEntry("cpu", new Quantity("2"))
                            .containsEntry("memory", new Quantity("1Gi"));
                    assertThat(container.getResources().getRequests())
                            .containsEntry("cpu", new Quantity("250m"));
                });
        Await.untilAsserted(
                () -> {
                    Service service =
                            operator.client()
                                    .services()
                                    .inNamespace(CounterApps.NAMESPACE)
                                    .withName("update")
                                    .get();
                    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
                    assertThat(service.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
                });
    }

    @Test
    void configurationChangeChangesThePodTemplateHash() {
        create(CounterApps.newApp("rollout", Backend.MEMORY));
        String before = configHash(awaitDeployment("rollout"));

        edit(
                "rollout",
                app -> {
                    app.getSpec().setStrategy(Strategy.QUEUE);
                    return app;
                });

        Await.untilAsserted(
                () ->
                        assertThat(awaitConfigMap("rollout-config").getData())
                                .containsEntry("COUNTER_STRATEGY", "queue"));
        Await.untilAsserted(
                () -> assertThat(configHash(awaitDeployment("rollout"))).isNotEqualTo(before));
    }

    @Test
    void ingressExistsOnlyWhileEnabled() {
        CounterApp app = CounterApps.newApp("exposed", Backend.MEMORY);
        app.getSpec().getIngress().setEnabled(true);
        app.getSpec().getIngress().setHost("counter.example.com");
        app.getSpec().getIngress().setTlsSecretName("counter-tls");
        create(app);

        Await.until("ingress created", () -> ingress("exposed") != null);
        Ingress ingress = ingress("exposed");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("counter.example.com");
        assertThat(
                        ingress.getSpec()
                                .getRules()
                                .get(0)
                                .getHttp()
                                .getPaths()
                                .get(0)
                                .getBackend()
                                .getService()
                                .getName())
                .isEqualTo("exposed");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("counter-tls");

        edit(
                "exposed",
                current -> {
                    current.getSpec().getIngress().setEnabled(false);
                    return current;
                });

        Await.until("ingress deleted", () -> ingress("exposed") == null);
        assertThat(awaitService("exposed")).isNotNull();
    }

    private static UnaryOperator<CounterApp> withRedis() {
        return app -> {
            var redis = new RedisSpec();
            redis.setUrl("redis://redis:6379");
            app.getSpec().setRedis(redis);
            return app;
        };
    }

    /**
     * The settings only; the mock API runs no Deployment controller, so the rollout itself (no
     * second memory pod, no 503) is the e2e suite's to show.
     */
    @Test
    void memoryPodsAreRecreatedAndSharedBackendsSurgeEachPodPausingBeforeItsStop() {
        create(CounterApps.newApp("rollout-memory", Backend.MEMORY));
        Deployment memory = awaitDeployment("rollout-memory");
        assertThat(memory.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(memory.getSpec().getStrategy().getRollingUpdate()).isNull();
        assertPausesBeforeStop(memory);

        CounterApp redis = CounterApps.newApp("rollout-redis", Backend.REDIS);
        redis.getSpec().setRedis(new RedisSpec());
        redis.getSpec().getRedis().setUrl("redis://redis:6379/0");
        create(redis);
        Deployment shared = awaitDeployment("rollout-redis");
        assertThat(shared.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(shared.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
                .isEqualTo(new IntOrString(0));
        assertThat(shared.getSpec().getStrategy().getRollingUpdate().getMaxSurge())
                .isEqualTo(new IntOrString(1));
        assertPausesBeforeStop(shared);
    }

    private static void assertPausesBeforeStop(Deployment deployment) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand())
                .containsExactly("sleep", String.valueOf(Rollouts.PRE_STOP_PAUSE_SECONDS));
        assertThat(pod.getTerminationGracePeriodSeconds())
                .isGreaterThan(Rollouts.PRE_STOP_PAUSE_SECONDS);
    }

    private static CounterApp create(CounterApp app) {
        return operator.client().resource(app).create();
    }

    private static void edit(String name, UnaryOperator<CounterApp> change) {
        CounterApps.edit(operator.client(), name, change::apply);
    }

    private static String configHash(Deployment deployment) {
        return deployment
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(DeploymentDependent.CONFIG_HASH_ANNOTATION);
    }

    private static ConfigMap awaitConfigMap(String name) {
        Await.until("configmap " + name, () -> configMap(operator.client(), name) != null);
        return configMap(operator.client(), name);
    }

    private static Deployment awaitDeployment(String name) {
        Await.until("deployment " + name, () -> deployment(operator.client(), name) != null);
        return deployment(operator.client(), name);
    }

    private static Service awaitService(String name) {
        Await.until("service " + name, () -> service(operator.client(), name) != null);
        return service(operator.client(), name);
    }

    private static Ingress ingress(String name) {
        return operator.client()
                .network()
                .v1()
                .ingresses()
                .inNamespace(CounterApps.NAMESPACE)
                .withName(name)
                .get();
    }
}
