package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.config.OperatorConfig;
import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An installation that mirrors the images (a private registry) sets COUNTER_APP_IMAGE once; every
 * CounterApp without {@code spec.image} runs it, and one that names an image keeps its own.
 */
class DefaultImageTest {
    private static final String MIRROR = "registry.example.com/team/counter-app:0.1.0";

    @Test
    void theInstallationsDefaultImageAppliesWhereTheSpecNamesNone() {
        try (OperatorHarness harness =
                OperatorHarness.start(Map.of(OperatorConfig.COUNTER_APP_IMAGE, MIRROR))) {
            KubernetesClient client = harness.cluster().client();
            client.resource(CounterApps.newApp("mirrored", Backend.MEMORY)).create();
            CounterApp pinned = CounterApps.newApp("pinned", Backend.MEMORY);
            pinned.getSpec().setImage("registry.example.com/team/counter-app@sha256:abc");
            client.resource(pinned).create();

            Await.until("deployments", () -> deployment(client, "mirrored") != null
                    && deployment(client, "pinned") != null);
            assertThat(image(client, "mirrored")).isEqualTo(MIRROR);
            assertThat(image(client, "pinned"))
                    .isEqualTo("registry.example.com/team/counter-app@sha256:abc");
        }
    }

    private static String image(KubernetesClient client, String name) {
        return deployment(client, name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
