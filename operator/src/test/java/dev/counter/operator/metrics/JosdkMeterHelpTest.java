package dev.counter.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JosdkMeterHelpTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    JosdkMeterHelpTest() {
        registry.config().meterFilter(new JosdkMeterHelp());
    }

    @Test
    void josdkMetersWithoutDescriptionGetTheirHelp() {
        Counter started = registry.counter("operator.sdk.reconciliations.started", "kind", "CounterApp");
        assertThat(started.getId().getDescription()).isEqualTo("Reconciliations started.");
        assertThat(started.getId().getTag("kind")).isEqualTo("CounterApp");
        assertThat(
                        registry.gauge("operator.sdk.reconciliations.queue.size.counterapp", 0.0)
                                .doubleValue())
                .isZero();
        assertThat(
                        registry.find("operator.sdk.reconciliations.queue.size.counterapp")
                                .gauge()
                                .getId()
                                .getDescription())
                .isEqualTo("Resources of this controller waiting for a reconciliation.");
    }

    @Test
    void describedAndOtherMetersPassUnchanged() {
        Counter described =
                Counter.builder("operator.sdk.events.received").description("Own words.").register(registry);
        assertThat(described.getId().getDescription()).isEqualTo("Own words.");
        assertThat(registry.counter("jvm.something").getId().getDescription()).isNull();
    }
}
