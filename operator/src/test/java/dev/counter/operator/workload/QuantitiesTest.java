package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    /** Expected values are what the Kubernetes API server stores for the input. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1000m, 1",
        "1, 1",
        "100m, 100m",
        "0.5, 500m",
        "1.5, 1500m",
        "2000m, 2",
        "1000, 1k",
        "0, 0",
        "0m, 0",
        "128Mi, 128Mi",
        "1024Mi, 1Gi",
        "1536Mi, 1536Mi",
        "0.5Gi, 512Mi",
        "512Ki, 512Ki",
        "0.5Ki, 512",
        "1G, 1G",
        "1000M, 1G",
        "128974848, 128974848",
        "1e3, 1e3",
        "1000e0, 1e3",
        "12e6, 12e6"
    })
    void canonicalFormMatchesTheApiServer(String input, String canonical) {
        assertThat(Quantities.canonical(input)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "1.2.3", "-1", "5Gx", "1Q"})
    void rejectsWhatIsNoNonNegativeQuantity(String input) {
        assertThatThrownBy(() -> Quantities.parse(input))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
