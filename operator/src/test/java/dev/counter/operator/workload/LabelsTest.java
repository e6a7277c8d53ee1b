package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.testing.CounterApps;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void everyObjectCarriesTheRecommendedLabels() {
        assertThat(Labels.counter(CounterApps.stored("hits", Backend.MEMORY)))
                .containsEntry("app.kubernetes.io/name", "counter-app")
                .containsEntry("app.kubernetes.io/instance", "hits")
                .containsEntry("app.kubernetes.io/component", "server")
                .containsEntry("app.kubernetes.io/part-of", "counter-app")
                .containsEntry("app.kubernetes.io/managed-by", "counter-operator");
    }

    @Test
    void selectorUsesOnlyTheLabelsThatNeverChange() {
        assertThat(Labels.counterSelector(CounterApps.stored("hits", Backend.MEMORY)))
                .containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
        assertThat(Labels.counterSelectorString(CounterApps.stored("hits", Backend.MEMORY)))
                .isEqualTo("app.kubernetes.io/instance=hits,app.kubernetes.io/name=counter-app");
    }

    @Test
    void informerSelectorMatchesTheManagedByLabel() {
        assertThat(Labels.MANAGED_BY_SELECTOR)
                .isEqualTo("app.kubernetes.io/managed-by=counter-operator");
    }
}
