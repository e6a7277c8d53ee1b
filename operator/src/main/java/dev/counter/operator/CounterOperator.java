package dev.counter.operator;

import dev.counter.operator.config.OperatorConfig;
import dev.counter.operator.etcd.EtcdMembership;
import dev.counter.operator.monitoring.CounterAppMetrics;
import dev.counter.operator.status.HttpCounterProbe;
import dev.counter.operator.tls.EtcdCertificateSecrets;
import dev.counter.operator.validation.SpecValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK operator with the CounterApp controller, configured from {@link OperatorConfig}. The
 * process ({@link OperatorMain}) and the tests run the very same assembly.
 */
public final class CounterOperator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CounterOperator.class);

    /** Each etcd administration call of a membership round; a stalled member costs at most this. */
    private static final Duration ETCD_CALL_DEADLINE = Duration.ofSeconds(2);

    private final Operator operator;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Runnable onLostLeadership;

    /**
     * @param leaseNamespace where the leader-election Lease lives; required when leader election is
     *     on
     * @param onLostLeadership what to do when another replica took the Lease: the process must stop
     *     reconciling at once, so {@link OperatorMain} exits
     */
    public CounterOperator(
            KubernetesClient client,
            OperatorConfig config,
            Optional<String> leaseNamespace,
            MeterRegistry meterRegistry,
            Runnable onLostLeadership) {
        this.onLostLeadership = onLostLeadership;
        operator =
                new Operator(
                        overrider -> {
                            overrider
                                    .withKubernetesClient(client)
                                    .withCloseClientOnStop(false)
                                    // per-resource meters would grow with the number of CounterApps
                                    .withMetrics(
                                            MicrometerMetrics.withoutPerResourceMetrics(
                                                    meterRegistry))
                                    .withSSABasedCreateUpdateMatchForDependentResources(
                                            config.ssaEnabled())
                                    .withUseSSAToPatchPrimaryResource(config.ssaEnabled());
                            if (config.leaderElection()) {
                                overrider.withLeaderElectionConfiguration(
                                        leaderElection(
                                                leaseNamespace.orElseThrow(
                                                        () ->
                                                                new IllegalArgumentException(
                                                                        "leader election needs a"
                                                                            + " namespace"))));
                            }
                        });
        operator.register(
                new CounterAppReconciler(
                        SpecValidator.standard(),
                        Clock.systemUTC(),
                        config.counterAppImage(),
                        new HttpCounterProbe(),
                        config.counterStateRefresh(),
                        new CounterAppMetrics(meterRegistry, Clock.systemUTC()),
                        EtcdMembership.overGateway(ETCD_CALL_DEADLINE),
                        EtcdCertificateSecrets.standard(Clock.systemUTC())),
                controller -> {
                    if (config.watchNamespaces().isEmpty()) {
                        controller.watchingAllNamespaces();
                    } else {
                        controller.settingNamespaces(config.watchNamespaces());
                    }
                });
    }

    /** Starts informers and reconciliation; blocks until the caches are synced. */
    public void start() {
        operator.start();
    }

    public boolean isStarted() {
        return operator.getRuntimeInfo().isStarted();
    }

    /** Whether every informer is connected; before start, there is nothing unhealthy yet. */
    public boolean isHealthy() {
        RuntimeInfo runtime = operator.getRuntimeInfo();
        return !runtime.isStarted() || runtime.allEventSourcesAreHealthy();
    }

    @Override
    public void close() {
        closing.set(true);
        operator.stop();
    }

    /**
     * JOSDK's own reaction to a lost Lease is System.exit, also when the operator is stopped on
     * purpose; from a shutdown hook that would block the JVM forever. So the operator tells the two
     * apart: stopping is quiet, losing the Lease runs {@link #onLostLeadership}.
     */
    private LeaderElectionConfiguration leaderElection(String leaseNamespace) {
        var callbacks =
                new LeaderCallbacks(
                        () ->
                                log.info(
                                        "acquired the Lease {}/{}",
                                        leaseNamespace,
                                        OperatorConfig.LEASE_NAME),
                        this::leadershipStopped,
                        leader -> log.info("the leader is {}", leader));
        return new LeaderElectionConfiguration(
                OperatorConfig.LEASE_NAME,
                leaseNamespace,
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                null,
                callbacks,
                false);
    }

    private void leadershipStopped() {
        if (!closing.get()) {
            log.error("lost the Lease {}; another replica leads now", OperatorConfig.LEASE_NAME);
            onLostLeadership.run();
        }
    }
}
