package dev.counter.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.Http;
import dev.counter.testkit.SharedStores;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real process: configuration errors, the start-up line, and SIGTERM. */
class MainProcessTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "COUNTER_STRATEGY|spin|COUNTER_STRATEGY: invalid value \"spin\"; allowed: atomic, lock, queue",
        "GRPC_PORT|grpc|GRPC_PORT: invalid value \"grpc\"; allowed: an integer from 1 to 65535, or off",
        "COUNTER_BACKEND|mongo|COUNTER_BACKEND: invalid value \"mongo\"; allowed: memory, redis, etcd",
        "SHUTDOWN_TIMEOUT|soon|SHUTDOWN_TIMEOUT: invalid value \"soon\"; allowed: a positive duration such as 500ms, 2s or 1m",
        "COUNTER_BACKEND_TIMEOUT|5ms|COUNTER_BACKEND_TIMEOUT: invalid value \"5ms\"; allowed: from 10ms to 300s",
        "COUNTER_BACKEND_TIMEOUT|10m|COUNTER_BACKEND_TIMEOUT: invalid value \"10m\"; allowed: from 10ms to 300s",
    })
    void invalidConfigurationExitsWithStatus2BeforeBinding(String variable, String value, String message) {
        assertExitsWith2(Map.of(variable, value), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis|REDIS_URL|redis//oops|REDIS_URL: invalid value \"redis//oops\"; expected redis://[:password@]host:port[/db] or rediss://…",
        "etcd|ETCD_ENDPOINTS|http://etcd-0:2379;http://etcd-1:2379|ETCD_ENDPOINTS: invalid value \"http://etcd-0:2379;http://etcd-1:2379\"; no host; expected http://host:port, comma-separated",
    })
    void badBackendAddressExitsWithStatus2(String backend, String variable, String value, String message) {
        assertExitsWith2(Map.of("COUNTER_BACKEND", backend, variable, value), message);
    }

    private static void assertExitsWith2(Map<String, String> env, String message) {
        int port = FreePort.pick();
        Map<String, String> all = new HashMap<>(env);
        all.put("PORT", Integer.toString(port));
        try (ChildProcess p = ChildProcess.java("bad-config", Main.class.getName(), all)) {
            assertEquals(2, p.awaitExit(Duration.ofSeconds(30)));
            String output = p.output();
            assertTrue(output.contains("counter-app: configuration error: " + message + "\n"), output);
            assertFalse(output.contains("starting server"), "no port was bound: " + output);
            assertThrows(UncheckedIOException.class, () -> new Http(port).get("/health"));
        }
    }

    /**
     * Every deadline the README offers starts the etcd backend (jetcd refused retry settings
     * shorter than its own 500 ms delay, which crashed the service at start), and serves.
     */
    @ParameterizedTest
    @CsvSource({"10ms", "100ms", "500ms", "2s", "1m"})
    void everyAllowedBackendTimeoutStartsTheEtcdBackend(String timeout) {
        int port = FreePort.pick();
        try (ChildProcess p = ChildProcess.java("counter-app", Main.class.getName(), Map.of("PORT",
                Integer.toString(port), "GRPC_PORT", "off", "COUNTER_BACKEND", "etcd", "ETCD_ENDPOINTS", SharedStores.etcd().endpoints(),
                "COUNTER_KEY", "timeout-" + timeout, "COUNTER_BACKEND_TIMEOUT", timeout))) {
            Http http = new Http(port);
            await("the service to answer").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> http.get("/health").status() == 200);
            assertTrue(p.isAlive(), p.output());
            assertFalse(p.output().contains("Exception"), p.output());
            if (!timeout.equals("10ms")) {
                // 10 ms may be shorter than a loaded machine's round trip: it starts, 503s are fair
                await("an increment").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> http.get("/status").status() == 200);
            }
        }
    }

    @Test
    void aTakenPortIsOneLineAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            try (ChildProcess p = ChildProcess.java("counter-app", Main.class.getName(),
                    Map.of("PORT", Integer.toString(taken.getLocalPort()), "GRPC_PORT", "off"))) {
                assertEquals(1, p.awaitExit(Duration.ofSeconds(30)));
                String output = p.output();
                assertTrue(output.contains("counter-app: cannot listen on port " + taken.getLocalPort()
                        + ": Address already in use\n"), output);
                assertFalse(output.contains("\tat "), "no stack trace: " + output);
            }
        }
    }

    @Test
    void sigtermDrainsAndExitsZero() {
        int port = FreePort.pick();
        try (ChildProcess p = ChildProcess.java("counter-app", Main.class.getName(),
                Map.of("PORT", Integer.toString(port), "GRPC_PORT", "off", "COUNTER_STRATEGY", "queue",
                        "SHUTDOWN_TIMEOUT", "5s"))) {
            Http http = new Http(port);
            await("the service to be ready").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> http.get("/ready").status() == 200);
            assertEquals(200, http.get("/status").status());
            String output = p.output();
            assertTrue(output.matches("(?s).*counter-app started port=" + port
                    + " grpcPort=off backend=memory target=in-process strategy=queue processors=\\d+ cpuLimit=(none|unknown|[0-9.]+ cores)"
                    + " maxHeap=\\d+ MiB java=\\S+\n.*"), output);

            p.terminate();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(15)), p.output());
            assertTrue(p.output().contains("stopped after draining"), p.output());
        }
    }
}
