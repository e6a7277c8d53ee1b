package dev.counter.e2e.monitoring;

import static org.awaitility.Awaitility.await;

import dev.counter.app.grpc.proto.incrementBy;
import dev.counter.app.grpc.proto.incrementCounterGrpc;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.Http;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The counter service's {@code /metrics} after it served every route and a gRPC call: the runnable
 * jar as a process (see e2e/pom.xml for why not in this JVM) on one backend.
 */
final class CounterServiceScrape {

    /** Every route, a refused method and an unknown path, so each (route, status) meter exists. */
    private static final List<String> REQUESTS =
            List.of(
                    "GET /status", "GET /statusV2", "GET /increment?by=2", "GET /increment?by=x",
                    "GET /fetch", "GET /healthz", "GET /static", "GET /current", "GET /next",
                    "GET /previous", "GET /health", "GET /ready", "POST /status", "GET /no-such-route",
                    "GET /metrics");

    private CounterServiceScrape() {}

    /**
     * @param backend memory, redis or etcd
     * @param backendEnv where that backend's store is (REDIS_URL, ETCD_ENDPOINTS)
     */
    static String scrape(String backend, Map<String, String> backendEnv) throws IOException {
        int port = FreePort.pick();
        int grpcPort = FreePort.pick();
        Map<String, String> env = new HashMap<>(backendEnv);
        env.putAll(
                Map.of(
                        "PORT", Integer.toString(port),
                        "GRPC_PORT", Integer.toString(grpcPort),
                        "COUNTER_BACKEND", backend,
                        "COUNTER_KEY", "monitoring-" + backend + "-" + System.nanoTime()));
        String java = ProcessHandle.current().info().command().orElse("java");
        try (ChildProcess process =
                ChildProcess.start(
                        "counter-app-" + backend, List.of(java, "-jar", jar().toString()), env)) {
            Http http = new Http(port);
            await("counter-app (" + backend + ") ready")
                    .atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> http.get("/ready").status() == 200);
            for (String request : REQUESTS) {
                String[] methodAndPath = request.split(" ");
                http.send(methodAndPath[0], methodAndPath[1]);
            }
            incrementOverGrpc(grpcPort);
            String metrics = http.get("/metrics").body();
            if (!process.isAlive()) {
                throw new AssertionError("counter-app (" + backend + ") died: " + process.output());
            }
            return metrics;
        }
    }

    private static void incrementOverGrpc(int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            incrementCounterGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    // the gRPC port may open a moment after /ready answers
                    .withWaitForReady()
                    .increment(incrementBy.newBuilder().setValue(1).build());
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * Built by counter-app's package phase, which a reactor build runs before this module's tests;
     * a jar older than the compiled classes would test yesterday's metrics, so that fails too.
     */
    private static Path jar() throws IOException {
        Path jar = MonitoringFiles.REPOSITORY.resolve("counter-app/target/counter-app.jar");
        String build = "build it (mvn -pl e2e -am verify, or mvn -pl counter-app -am package)";
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: " + build);
        }
        FileTime built = Files.getLastModifiedTime(jar);
        try (Stream<Path> classes = Files.walk(MonitoringFiles.REPOSITORY.resolve("counter-app/target/classes"))) {
            Optional<Path> newer =
                    classes.filter(Files::isRegularFile)
                            .filter(f -> lastModified(f).compareTo(built) > 0)
                            .findFirst();
            if (newer.isPresent()) {
                throw new IllegalStateException(jar + " is older than " + newer.get() + ": " + build);
            }
        }
        return jar;
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
