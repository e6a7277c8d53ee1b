package dev.counter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {

    @Test
    void namesEachFailedDependentWithTheApiServersMessage() {
        var forbidden =
                new KubernetesClientException(
                        new StatusBuilder()
                                .withCode(403)
                                .withMessage("deployments.apps is forbidden")
                                .build());
        var invalid =
                new KubernetesClientException(
                        new StatusBuilder()
                                .withCode(422)
                                .withMessage("spec.ports[0].nodePort: Invalid value: 80")
                                .build());
        var aggregated =
                new AggregatedOperatorException(
                        "Exception(s) during workflow execution.",
                        Map.of("service", invalid, "deployment", forbidden));

        String expected =
                "deployment: deployments.apps is forbidden; service: spec.ports[0].nodePort:"
                    + " Invalid value: 80";
        assertThat(FailureMessages.describe(aggregated)).isEqualTo(expected);
        // as JOSDK hands it to the error handler
        assertThat(FailureMessages.describe(new OperatorException(aggregated))).isEqualTo(expected);
    }

    @Test
    void otherFailuresGiveTheirRootCause() {
        var e = new IllegalStateException("outer", new java.io.IOException("connection reset"));
        assertThat(FailureMessages.describe(e)).isEqualTo("IOException: connection reset");
    }
}
