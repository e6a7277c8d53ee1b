package dev.counter.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs an {@link OperatorHarness} for a whole test class: started before the class's own
 * {@code @BeforeAll} methods, closed after its {@code @AfterAll} methods.
 *
 * <pre>{@code
 * @RegisterExtension static final OperatorExtension operator = new OperatorExtension();
 * }</pre>
 */
public final class OperatorExtension implements BeforeAllCallback, AfterAllCallback {

    private OperatorHarness harness;

    @Override
    public void beforeAll(ExtensionContext context) {
        harness = OperatorHarness.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        harness.close();
    }

    public OperatorHarness harness() {
        return harness;
    }

    /** The client of the cluster the operator runs against. */
    public KubernetesClient client() {
        return harness.cluster().client();
    }
}
