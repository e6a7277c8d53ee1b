package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.CounterAppSpec;
import org.junit.jupiter.api.Test;

class CounterImageTest {

    @Test
    void defaultIsTheCounterAppImageTaggedWithTheOperatorsMavenVersion() {
        String projectVersion = System.getProperty("counter.project.version");
        assertThat(projectVersion).isNotBlank();
        assertThat(CounterImage.of(new CounterAppSpec()))
                .isEqualTo("ghcr.io/counter-operator/counter-app:" + projectVersion);
    }

    @Test
    void anImageInTheSpecWins() {
        var spec = new CounterAppSpec();
        spec.setImage("registry.example/counter@sha256:abc");
        assertThat(CounterImage.of(spec)).isEqualTo("registry.example/counter@sha256:abc");
        spec.setImage("  ");
        assertThat(CounterImage.of(spec)).isEqualTo(CounterImage.bundled());
    }
}
