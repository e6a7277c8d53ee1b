package dev.counter.operator;

import dev.counter.operator.config.InvalidConfigException;
import dev.counter.operator.config.OperatorConfig;
import dev.counter.operator.http.HealthServer;
import dev.counter.operator.logging.JsonLogging;
import dev.counter.operator.metrics.JosdkMeterHelp;
import dev.counter.meters.StandardMeters;
import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: {@code java -jar counter-operator.jar}. Configuration errors exit with 2,
 * an unreachable cluster with 1, each with one line on standard error naming the cause.
 */
public final class OperatorMain {

    private static final Logger log = LoggerFactory.getLogger(OperatorMain.class);
    private static final int PROBE_TIMEOUT_MILLIS = 5_000;

    private OperatorMain() {}

    public static void main(String[] args) {
        try {
            RunningOperator running = start(System.getenv(), Config.autoConfigure(null));
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "shutdown"));
            // JOSDK's threads keep the process alive until it is stopped.
        } catch (StartupException e) {
            System.err.println("counter-operator: " + e.getMessage());
            System.exit(e.exitCode());
        }
    }

    /**
     * Reads the configuration, checks the cluster, starts the operator and its HTTP endpoints.
     *
     * @param env the environment variables
     * @param kubeConfig how to reach the cluster (kubeconfig or in-cluster service account)
     */
    public static RunningOperator start(Map<String, String> env, Config kubeConfig)
            throws StartupException {
        OperatorConfig config = readConfig(env);
        JsonLogging.install(config.logLevel(), System.out);
        requireReachable(kubeConfig, env);
        Optional<String> leaseNamespace = leaseNamespace(config, kubeConfig);

        // the same JVM and process meters as the counter service's; the process keeps them to its end
        PrometheusMeterRegistry registry =
                StandardMeters.create(Tags.empty(), new JosdkMeterHelp()).registry();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(kubeConfig).build();
        var operator =
                new CounterOperator(client, config, leaseNamespace, registry, () -> System.exit(1));
        // listening before the caches sync, so the liveness probe answers during a slow start
        HealthServer health = listen(config, operator, registry, client);
        var running = new RunningOperator(operator, health, client);
        try {
            operator.start();
        } catch (RuntimeException e) {
            running.close();
            throw new StartupException(
                    StartupException.UNAVAILABLE,
                    "cannot watch CounterApps (is the CRD "
                            + CounterApp.CRD_NAME
                            + " installed and may the operator list it?): "
                            + rootMessage(e),
                    e);
        }
        log.info(
                "counter-operator {} started: namespaces={}, leaderElection={}, ssa={},"
                    + " httpPort={}",
                OperatorVersion.current(),
                config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces(),
                config.leaderElection(),
                config.ssaEnabled(),
                health.port());
        return running;
    }

    private static OperatorConfig readConfig(Map<String, String> env) throws StartupException {
        try {
            return OperatorConfig.fromEnvironment(env);
        } catch (InvalidConfigException e) {
            throw new StartupException(StartupException.BAD_CONFIGURATION, e.getMessage(), e);
        }
    }

    private static Optional<String> leaseNamespace(OperatorConfig config, Config kubeConfig)
            throws StartupException {
        Optional<String> namespace =
                config.leaseNamespace().or(() -> Optional.ofNullable(kubeConfig.getNamespace()));
        if (config.leaderElection() && namespace.isEmpty()) {
            throw new StartupException(
                    StartupException.BAD_CONFIGURATION,
                    "LEADER_ELECTION=true needs POD_NAMESPACE or OPERATOR_NAMESPACE: no namespace"
                        + " comes from the kubeconfig or a service account",
                    null);
        }
        return namespace;
    }

    private static HealthServer listen(
            OperatorConfig config,
            CounterOperator operator,
            PrometheusMeterRegistry registry,
            KubernetesClient client)
            throws StartupException {
        try {
            return new HealthServer(
                            config.httpPort(),
                            operator::isHealthy,
                            operator::isStarted,
                            registry::scrape)
                    .start();
        } catch (IOException e) {
            client.close();
            throw new StartupException(
                    StartupException.UNAVAILABLE,
                    "cannot listen on %s %d: %s"
                            .formatted(
                                    OperatorConfig.OPERATOR_HTTP_PORT,
                                    config.httpPort(),
                                    e.getMessage()),
                    e);
        }
    }

    /** Fails fast, without the client's retries, when no API server answers. */
    private static void requireReachable(Config kubeConfig, Map<String, String> env)
            throws StartupException {
        Config probeConfig =
                new ConfigBuilder(kubeConfig)
                        .withRequestRetryBackoffLimit(0)
                        .withConnectionTimeout(PROBE_TIMEOUT_MILLIS)
                        .withRequestTimeout(PROBE_TIMEOUT_MILLIS)
                        .build();
        try (KubernetesClient probe =
                new KubernetesClientBuilder().withConfig(probeConfig).build()) {
            probe.getKubernetesVersion();
        } catch (RuntimeException e) {
            String hint =
                    kubeConfig.getFile() == null && env.get("KUBERNETES_SERVICE_HOST") == null
                            ? " (no kubeconfig found and not running in a cluster)"
                            : "";
            throw new StartupException(
                    StartupException.UNAVAILABLE,
                    "cannot reach the Kubernetes API at "
                            + kubeConfig.getMasterUrl()
                            + hint
                            + ": "
                            + rootMessage(e),
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return (root.getClass().getSimpleName() + message).replace('\n', ' ');
    }
}
