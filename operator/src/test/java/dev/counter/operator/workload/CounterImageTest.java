package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.CounterAppSpec;
import org.junit.jupiter.api.Test;

class CounterImageTest {

    @Test
    void defaultIsTheCounterAppImageTaggedWithTheOperatorsMavenVersion() {
        String projectVersion = System.getProperty("counter.project.version");
        assertThat(projectVersion).isNotBlank();
        assertThat(CounterImage.bundled())
                .isEqualTo("ghcr.io/counter-operator/counter-app:" + projectVersion);
    }

    @Test
    void anImageInTheSpecWinsOverTheInstallationsDefault() {
        var spec = new CounterAppSpec();
        assertThat(CounterImage.of(spec, "mirror.example/counter-app:1")).isEqualTo("mirror.example/counter-app:1");
        spec.setImage("registry.example/counter@sha256:abc");
        assertThat(CounterImage.of(spec, "mirror.example/counter-app:1"))
                .isEqualTo("registry.example/counter@sha256:abc");
        spec.setImage("  ");
        assertThat(CounterImage.of(spec, CounterImage.bundled())).isEqualTo(CounterImage.bundled());
    }
}
