package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

class ConfigMapDependentTest {

    @Test
    void holdsTheCounterEnvironmentUnderTheOwnersNamespace() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        ConfigMap desired = new ConfigMapDependent().desired(app, null);

        assertThat(desired.getMetadata().getName()).isEqualTo("hits-config");
        assertThat(desired.getMetadata().getNamespace()).isEqualTo(CounterApps.NAMESPACE);
        assertThat(desired.getData())
                .containsEntry("COUNTER_BACKEND", "memory")
                .containsEntry("COUNTER_STRATEGY", "atomic")
                .containsEntry("COUNTER_KEY", "counters/hits");
        assertThat(desired.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        ref -> {
                            assertThat(ref.getUid()).isEqualTo(app.getMetadata().getUid());
                            assertThat(ref.getController()).isTrue();
                        });
    }
}
