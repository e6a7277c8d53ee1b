package dev.counter.operator;

import dev.counter.operator.http.HealthServer;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A started operator with its HTTP endpoints; closing stops both and releases the client. */
public final class RunningOperator implements AutoCloseable {

    private final CounterOperator operator;
    private final HealthServer health;
    private final KubernetesClient client;

    RunningOperator(CounterOperator operator, HealthServer health, KubernetesClient client) {
        this.operator = operator;
        this.health = health;
        this.client = client;
    }

    public int httpPort() {
        return health.port();
    }

    public CounterOperator operator() {
        return operator;
    }

    @Override
    public void close() {
        try {
            operator.close();
        } finally {
            health.close();
            client.close();
        }
    }
}
