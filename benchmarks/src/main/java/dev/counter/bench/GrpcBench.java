package dev.counter.bench;

import static org.awaitility.Awaitility.await;

import dev.counter.app.grpc.proto.incrementBy;
import dev.counter.app.grpc.proto.incrementCounterGrpc;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.FreePort;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code make bench}, gRPC part: the original's {@code counter.incrementCounter/increment} load
 * (its k6 script ran 200 virtual users) against the memory strategies — the inputQ-vs-mutex
 * comparison the original was built for — and against a bare grpc-java server returning a constant,
 * measured in the same run. Rounds are interleaved and the table reports medians and ratios, as the
 * HTTP tables do. The load generator runs in this JVM on the same machine: it shares the cores with
 * the server, for the baseline alike. {@code BENCH_SECONDS}, {@code BENCH_ROUNDS},
 * {@code BENCH_GRPC_CALLS} and {@code BENCH_GRPC_CONNECTIONS} adjust a run.
 */
public final class GrpcBench {
    /** What one row runs: the counter service's jar with {@code env}, or {@code mainClass}. */
    record Scenario(String name, String mainClass, Map<String, String> env) {
    }

    private GrpcBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "10"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
        int calls = Integer.parseInt(System.getenv().getOrDefault("BENCH_GRPC_CALLS", "200"));
        int connections = Integer.parseInt(System.getenv().getOrDefault("BENCH_GRPC_CONNECTIONS", "4"));
        Path appJar = Path.of(System.getenv().getOrDefault("COUNTER_APP_JAR", "counter-app/target/counter-app.jar"));
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException(appJar + " is missing: run mvn package first (make bench does)");
        }
        List<Scenario> table = List.of(
                new Scenario("bare grpc-java (baseline)", BareGrpcServer.class.getName(), Map.of()),
                new Scenario("memory atomic", null, Map.of("COUNTER_STRATEGY", "atomic")),
                new Scenario("memory lock (mutex)", null, Map.of("COUNTER_STRATEGY", "lock")),
                new Scenario("memory queue (inputQ)", null, Map.of("COUNTER_STRATEGY", "queue")));
        Map<String, List<HttpBench.Measured>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Scenario s : table) {
                GrpcLoad.Result r = measure(s, appJar, calls, connections, seconds);
                System.out.printf(Locale.ROOT, "round %d %-28s %10.0f calls/s p50 %.2f ms p99 %.2f ms failures %d%n",
                        round, s.name(), r.callsPerSecond(), r.p50Millis(), r.p99Millis(), r.failures());
                results.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(new HttpBench.Measured(
                        r.callsPerSecond(), r.p50Millis(), r.p99Millis(), r.failures(), Double.NaN));
            }
        }
        print(table, results, calls, connections, seconds, rounds);
    }

    private static GrpcLoad.Result measure(Scenario s, Path appJar, int calls, int connections, int seconds)
            throws InterruptedException {
        int grpcPort = FreePort.pick();
        Map<String, String> env = new LinkedHashMap<>(s.env());
        env.put("GRPC_PORT", Integer.toString(grpcPort));
        env.put("PORT", Integer.toString(FreePort.pick()));
        try (ChildProcess server = HttpBench.startJvm(s.name(), appJar, s.mainClass(), env)) {
            awaitAnswer(s.name(), grpcPort);
            GrpcLoad.run(grpcPort, calls, connections, Duration.ofSeconds(3)); // warm-up: JIT, connections
            return GrpcLoad.run(grpcPort, calls, connections, Duration.ofSeconds(seconds));
        }
    }

    private static void awaitAnswer(String name, int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            await(name + " to answer on " + port).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> !incrementCounterGrpc
                    .newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .increment(incrementBy.newBuilder().setValue(0).build()).getMessage().isEmpty());
        } finally {
            channel.shutdownNow();
        }
    }

    private static void print(List<Scenario> table, Map<String, List<HttpBench.Measured>> results, int calls,
            int connections, int seconds, int rounds) {
        double base = HttpBench.median(results.get(table.get(0).name()), HttpBench.Measured::requestsPerSecond);
        System.out.println();
        System.out.printf(Locale.ROOT, "gRPC increment, memory strategies vs a bare grpc-java server, %d concurrent calls "
                + "over %d connections, %ds, median of %d interleaved rounds, %d cores%n", calls, connections, seconds,
                rounds, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %-28s | %10s | %8s | %8s | %9s | %8s |%n",
                "target", "calls/s", "p50 ms", "p99 ms", "vs first", "failures");
        System.out.println("|------------------------------|-----------:|---------:|---------:|----------:|---------:|");
        for (Scenario s : table) {
            List<HttpBench.Measured> rs = results.get(s.name());
            double rps = HttpBench.median(rs, HttpBench.Measured::requestsPerSecond);
            System.out.printf(Locale.ROOT, "| %-28s | %10.0f | %8.2f | %8.2f | %8.1f%% | %8d |%n", s.name(), rps,
                    HttpBench.median(rs, HttpBench.Measured::p50Millis), HttpBench.median(rs, HttpBench.Measured::p99Millis),
                    100 * rps / base, rs.stream().mapToLong(HttpBench.Measured::failures).sum());
        }
    }
}
