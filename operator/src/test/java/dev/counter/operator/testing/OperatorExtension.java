package dev.counter.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
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

    private final Map<String, String> env;
    private OperatorHarness harness;

    public OperatorExtension() {
        this(Map.of());
    }

    /**
     * @param env extra environment variables of the operator
     */
    public OperatorExtension(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        harness = OperatorHarness.start(env);
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
