package dev.counter.operator.testing;

import dev.counter.operator.CounterOperator;
import dev.counter.operator.config.OperatorConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The real operator (controller, informers, workflow) against a {@link MockCluster}, configured the
 * way the process would be with {@code SSA_ENABLED=false}.
 */
public final class OperatorHarness implements AutoCloseable {

    private final MockCluster cluster;
    private final OperatorConfig config;
    private CounterOperator operator;
    private SimpleMeterRegistry meters;

    private OperatorHarness(MockCluster cluster, OperatorConfig config) {
        this.cluster = cluster;
        this.config = config;
    }

    public static OperatorHarness start() {
        return start(Map.of());
    }

    /**
     * @param env extra environment variables, as the process would read them
     */
    public static OperatorHarness start(Map<String, String> env) {
        var withSsaOff = new HashMap<>(env);
        withSsaOff.put(OperatorConfig.SSA_ENABLED, "false");
        var harness =
                new OperatorHarness(
                        MockCluster.start(), OperatorConfig.fromEnvironment(withSsaOff));
        harness.startOperator();
        return harness;
    }

    /** Stops the operator and starts a new one (fresh caches and metrics) on the same cluster. */
    public void restartOperator() {
        operator.close();
        startOperator();
    }

    private void startOperator() {
        meters = new SimpleMeterRegistry();
        operator =
                new CounterOperator(
                        cluster.client(),
                        config,
                        Optional.empty(),
                        meters,
                        () -> {
                            throw new IllegalStateException("tests run without leader election");
                        });
        operator.start();
    }

    public MockCluster cluster() {
        return cluster;
    }

    /** The operator's meters, JOSDK's and its own; new with each start of the operator. */
    public MeterRegistry meters() {
        return meters;
    }

    /** Reconciliations that ran to completion, from JOSDK's own metrics. */
    public double reconciliations() {
        return meters.find("operator.sdk.reconciliations.success").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** No reconciliation running or queued, according to JOSDK's gauges. */
    public boolean idle() {
        return gauge("operator.sdk.reconciliations.executions.") == 0
                && gauge("operator.sdk.reconciliations.queue.size.") == 0;
    }

    private double gauge(String prefix) {
        return meters.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith(prefix))
                .flatMap(meter -> StreamSupport.stream(meter.measure().spliterator(), false))
                .mapToDouble(Measurement::getValue)
                .sum();
    }

    @Override
    public void close() {
        operator.close();
        cluster.close();
    }
}
