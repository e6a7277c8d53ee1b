package dev.counter.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {

    @Test
    void defaults() {
        AppConfig c = AppConfig.fromEnvironment(Map.of());
        assertEquals(8080, c.port());
        assertEquals(BackendType.MEMORY, c.backend());
        assertEquals(Strategy.ATOMIC, c.strategy());
        assertEquals("counter", c.counterKey());
        assertEquals(new PodIdentity("unknown", "unknown", "unknown"), c.pod());
        assertEquals(Duration.ofSeconds(10), c.shutdownTimeout());
    }

    @Test
    void everyVariableIsRead() {
        AppConfig c = AppConfig.fromEnvironment(Map.of(
                "PORT", "9090", "COUNTER_BACKEND", "memory", "COUNTER_STRATEGY", "QUEUE",
                "COUNTER_KEY", "ns/app", "MY_POD_NAME", "pod-1", "MY_NODE_NAME", "node-1",
                "MY_POD_NAMESPACE", "ns", "SHUTDOWN_TIMEOUT", "1500ms"));
        assertEquals(9090, c.port());
        assertEquals(Strategy.QUEUE, c.strategy());
        assertEquals("ns/app", c.counterKey());
        assertEquals(new PodIdentity("pod-1", "node-1", "ns"), c.pod());
        assertEquals(Duration.ofMillis(1500), c.shutdownTimeout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT|0|PORT: invalid value \"0\"; allowed: an integer from 1 to 65535",
        "PORT|70000|PORT: invalid value \"70000\"; allowed: an integer from 1 to 65535",
        "PORT|http|PORT: invalid value \"http\"; allowed: an integer from 1 to 65535",
        "COUNTER_BACKEND|mongo|COUNTER_BACKEND: invalid value \"mongo\"; allowed: memory, redis, etcd",
        "COUNTER_STRATEGY|spin|COUNTER_STRATEGY: invalid value \"spin\"; allowed: atomic, lock, queue",
        "SHUTDOWN_TIMEOUT|10|SHUTDOWN_TIMEOUT: invalid value \"10\"; allowed: a positive duration such as 500ms, 2s or 1m",
        "SHUTDOWN_TIMEOUT|0s|SHUTDOWN_TIMEOUT: invalid value \"0s\"; allowed: a positive duration such as 500ms, 2s or 1m",
    })
    void invalidValuesNameTheVariableAndWhatIsAllowed(String variable, String value, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfig.fromEnvironment(Map.of(variable, value)));
        assertEquals(message, e.getMessage());
    }
}
