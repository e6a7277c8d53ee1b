package dev.counter.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {

    @Test
    void defaults() {
        AppConfig c = AppConfig.fromEnvironment(Map.of());
        assertEquals(8080, c.port());
        assertEquals(OptionalInt.of(50055), c.grpcPort(), "the original gRPC system's port");
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

    @Test
    void sharedBackendSettings() {
        AppConfig redis = AppConfig.fromEnvironment(Map.of("COUNTER_BACKEND", "redis",
                "REDIS_URL", "redis://:s3cret@redis.team-a.svc:6380/2", "COUNTER_BACKEND_TIMEOUT", "750ms"));
        assertEquals(BackendType.REDIS, redis.backend());
        assertEquals("redis.team-a.svc", redis.backendSettings().redisUrl().getHost());
        assertEquals(Duration.ofMillis(750), redis.backendSettings().timeout());
        assertEquals("redis://redis.team-a.svc:6380/2", redis.backendSettings().describe(BackendType.REDIS),
                "the password never reaches the log");

        AppConfig etcd = AppConfig.fromEnvironment(Map.of("COUNTER_BACKEND", "etcd",
                "ETCD_ENDPOINTS", "http://etcd-0:2379, http://etcd-1:2379,http://etcd-2:2379"));
        assertEquals(3, etcd.backendSettings().etcdEndpoints().size());
        assertEquals(Duration.ofSeconds(2), etcd.backendSettings().timeout());
        assertEquals("http://etcd-0:2379,http://etcd-1:2379,http://etcd-2:2379",
                etcd.backendSettings().describe(BackendType.ETCD));
    }

    @Test
    void anotherBackendsVariableIsNotChecked() {
        AppConfig memory = AppConfig.fromEnvironment(Map.of("REDIS_URL", "nonsense", "ETCD_ENDPOINTS", ","));
        assertEquals(BackendType.MEMORY, memory.backend());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis|REDIS_URL|localhost:6379|REDIS_URL: invalid value \"localhost:6379\"; expected redis://[:password@]host:port[/db] or rediss://…",
        "redis|REDIS_URL|http://redis:6379|REDIS_URL: invalid value \"http://redis:6379\"; expected redis://[:password@]host:port[/db] or rediss://…",
        "redis|REDIS_URL|redis://redis:6379/x|REDIS_URL: invalid value \"redis://redis:6379/x\"; the database must be a number, as in redis://host:6379/0",
        "redis|REDIS_URL|redis://:99999|REDIS_URL: invalid value \"redis://:99999\"; no host; expected redis://[:password@]host:port[/db] or rediss://…",
        "etcd|ETCD_ENDPOINTS|etcd-0:2379|ETCD_ENDPOINTS: invalid value \"etcd-0:2379\"; expected http://host:port, comma-separated",
        "etcd|ETCD_ENDPOINTS|https://etcd-0:2379|ETCD_ENDPOINTS: invalid value \"https://etcd-0:2379\"; https endpoints need TLS settings: a CA to trust (ETCD_CA_FILE, or spec.etcd.tls in a CounterApp); none is configured",
        "etcd|ETCD_ENDPOINTS|http://etcd-0|ETCD_ENDPOINTS: invalid value \"http://etcd-0\"; a port from 1 to 65535 is required; expected http://host:port, comma-separated",
        "etcd|ETCD_ENDPOINTS|http://etcd-0:2379,,http://etcd-1:2379|ETCD_ENDPOINTS: invalid value \"http://etcd-0:2379,,http://etcd-1:2379\"; empty endpoint; expected a comma-separated list such as http://etcd-0:2379,http://etcd-1:2379",
        "etcd|COUNTER_BACKEND_TIMEOUT|forever|COUNTER_BACKEND_TIMEOUT: invalid value \"forever\"; allowed: a positive duration such as 500ms, 2s or 1m",
    })
    void badBackendSettingsNameTheVariable(String backend, String variable, String value, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfig.fromEnvironment(Map.of("COUNTER_BACKEND", backend, variable, value)));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"off,", "OFF,", "50051,50051"})
    void grpcPortIsAPortOrOff(String value, Integer expected) {
        AppConfig c = AppConfig.fromEnvironment(Map.of("GRPC_PORT", value));
        assertEquals(expected == null ? OptionalInt.empty() : OptionalInt.of(expected), c.grpcPort());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT|0|PORT: invalid value \"0\"; allowed: an integer from 1 to 65535",
        "PORT|70000|PORT: invalid value \"70000\"; allowed: an integer from 1 to 65535",
        "PORT|http|PORT: invalid value \"http\"; allowed: an integer from 1 to 65535",
        "GRPC_PORT|0|GRPC_PORT: invalid value \"0\"; allowed: an integer from 1 to 65535, or off",
        "GRPC_PORT|no|GRPC_PORT: invalid value \"no\"; allowed: an integer from 1 to 65535, or off",
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

    @Test
    void etcdTlsFilesAreReadWithHttpsEndpoints(@TempDir Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "pem");
        Path cert = Files.writeString(dir.resolve("tls.crt"), "pem");
        Path key = Files.writeString(dir.resolve("tls.key"), "pem");
        AppConfig c = AppConfig.fromEnvironment(Map.of("COUNTER_BACKEND", "etcd",
                "ETCD_ENDPOINTS", "https://etcd-0:2379,https://etcd-1:2379", "ETCD_CA_FILE", ca.toString(),
                "ETCD_CERT_FILE", cert.toString(), "ETCD_KEY_FILE", key.toString()));
        assertEquals(Optional.of(new EtcdTlsFiles(ca, Optional.of(cert), Optional.of(key))),
                c.backendSettings().etcdTls());
        assertEquals(Optional.empty(), AppConfig.fromEnvironment(Map.of("COUNTER_BACKEND", "etcd"))
                .backendSettings().etcdTls());
    }

    @Test
    void badEtcdTlsCombinationsAreConfigErrors(@TempDir Path dir) throws IOException {
        String ca = Files.writeString(dir.resolve("ca.crt"), "pem").toString();
        String cert = Files.writeString(dir.resolve("tls.crt"), "pem").toString();
        String key = Files.writeString(dir.resolve("tls.key"), "pem").toString();
        String https = "https://etcd-0:2379";
        assertEquals("ETCD_CERT_FILE is set but ETCD_KEY_FILE is not; a client certificate needs its private key",
                etcdError(Map.of("ETCD_ENDPOINTS", https, "ETCD_CA_FILE", ca, "ETCD_CERT_FILE", cert)));
        assertEquals("ETCD_KEY_FILE is set but ETCD_CERT_FILE is not; a private key needs its client certificate",
                etcdError(Map.of("ETCD_ENDPOINTS", https, "ETCD_CA_FILE", ca, "ETCD_KEY_FILE", key)));
        assertEquals("ETCD_CERT_FILE and ETCD_KEY_FILE are set but ETCD_CA_FILE is not; set the CA that signed"
                        + " the etcd members' certificates",
                etcdError(Map.of("ETCD_ENDPOINTS", https, "ETCD_CERT_FILE", cert, "ETCD_KEY_FILE", key)));
        String missing = dir.resolve("absent.crt").toString();
        assertEquals("ETCD_CA_FILE: cannot read \"" + missing + "\"; expected a readable PEM file",
                etcdError(Map.of("ETCD_ENDPOINTS", https, "ETCD_CA_FILE", missing)));
        assertEquals("ETCD_ENDPOINTS: invalid value \"http://etcd-0:2379\"; TLS settings are configured, so every"
                        + " endpoint must be https://host:port",
                etcdError(Map.of("ETCD_ENDPOINTS", "http://etcd-0:2379", "ETCD_CA_FILE", ca)));
    }

    private static String etcdError(Map<String, String> vars) {
        var env = new HashMap<>(vars);
        env.put("COUNTER_BACKEND", "etcd");
        return assertThrows(ConfigException.class, () -> AppConfig.fromEnvironment(env)).getMessage();
    }
}
