package dev.counter.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.counter.operator.workload.CounterImage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorConfigTest {

    @Test
    void defaultsWithAnEmptyEnvironment() {
        OperatorConfig config = OperatorConfig.fromEnvironment(Map.of());
        assertThat(config.watchNamespaces()).isEmpty();
        assertThat(config.leaderElection()).isFalse();
        assertThat(config.leaseNamespace()).isEmpty();
        assertThat(config.httpPort()).isEqualTo(8081);
        assertThat(config.ssaEnabled()).isTrue();
        assertThat(config.logLevel()).isEqualTo(Level.INFO);
        assertThat(config.counterAppImage()).isEqualTo(CounterImage.bundled());
        assertThat(config.counterStateRefresh()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsEveryVariable() {
        OperatorConfig config =
                OperatorConfig.fromEnvironment(
                        Map.of(
                                "WATCH_NAMESPACES", " team-a, team-b ,,",
                                "LEADER_ELECTION", "TRUE",
                                "POD_NAMESPACE", "operators",
                                "OPERATOR_HTTP_PORT", "9090",
                                "SSA_ENABLED", "false",
                                "LOG_LEVEL", "debug",
                                "COUNTER_APP_IMAGE", "registry.example.com/team/counter-app:dev",
                                "COUNTER_STATE_REFRESH_SECONDS", "5"));
        assertThat(config.watchNamespaces()).isEqualTo(Set.of("team-a", "team-b"));
        assertThat(config.leaderElection()).isTrue();
        assertThat(config.leaseNamespace()).contains("operators");
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.ssaEnabled()).isFalse();
        assertThat(config.logLevel()).isEqualTo(Level.FINE);
        assertThat(config.counterAppImage()).isEqualTo("registry.example.com/team/counter-app:dev");
        assertThat(config.counterStateRefresh()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void podNamespaceWinsOverOperatorNamespace() {
        assertThat(
                        OperatorConfig.fromEnvironment(
                                        Map.of("POD_NAMESPACE", "a", "OPERATOR_NAMESPACE", "b"))
                                .leaseNamespace())
                .isEqualTo(Optional.of("a"));
        assertThat(
                        OperatorConfig.fromEnvironment(
                                        Map.of("OPERATOR_NAMESPACE", "b", "POD_NAMESPACE", " "))
                                .leaseNamespace())
                .isEqualTo(Optional.of("b"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "WATCH_NAMESPACES, Team_A",
        "LEADER_ELECTION, yes",
        "POD_NAMESPACE, -bad-",
        "OPERATOR_NAMESPACE, UPPER",
        "OPERATOR_HTTP_PORT, http",
        "OPERATOR_HTTP_PORT, 0",
        "OPERATOR_HTTP_PORT, 70000",
        "SSA_ENABLED, 1",
        "LOG_LEVEL, verbose",
        "COUNTER_APP_IMAGE, counter app:1",
        "COUNTER_STATE_REFRESH_SECONDS, 0",
        "COUNTER_STATE_REFRESH_SECONDS, 30s"
    })
    void anUnusableValueIsReportedWithTheVariablesName(String variable, String value) {
        assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of(variable, value)))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> {
                            assertThat(e.variable()).isEqualTo(variable);
                            assertThat(e.getMessage())
                                    .startsWith(
                                            "invalid " + variable + "='" + value + "': expected");
                        });
    }
}
