package dev.counter.bench;

import dev.counter.testkit.Await;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code make bench}, part 2: HTTP load with wrk against real processes. Every target runs in its
 * own JVM with the same flags; the bare Undertow handler is measured in the same run, rounds are
 * interleaved so that drift on this shared machine hits every target alike, and the table reports
 * medians and ratios to the baseline.
 */
public final class HttpBench {
    private static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC");

    /** A server to measure: its name, how to start it on a port, and the path wrk requests. */
    record Target(String name, String path, Map<String, String> env, String mainClass) {
    }

    private HttpBench() {
    }

    public static void main(String[] args) {
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "10"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
        int connections = 80;
        Path appJar = Path.of(System.getenv().getOrDefault("COUNTER_APP_JAR", "counter-app/target/counter-app.jar"));
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException(appJar + " is missing: run mvn package first (make bench does)");
        }
        List<Target> targets = List.of(
                new Target("bare Undertow (baseline)", "/", Map.of(), BareServer.class.getName()),
                new Target("memory atomic /status", "/status", Map.of("COUNTER_STRATEGY", "atomic"), null),
                new Target("memory lock /status", "/status", Map.of("COUNTER_STRATEGY", "lock"), null),
                new Target("memory queue /status", "/status", Map.of("COUNTER_STRATEGY", "queue"), null),
                new Target("memory lock /statusV2", "/statusV2", Map.of("COUNTER_STRATEGY", "atomic"), null));

        Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Target target : targets) {
                Wrk.Result r = measure(target, appJar, connections, seconds);
                System.out.printf(Locale.ROOT, "round %d %-28s %10.0f req/s p50 %.2f ms p99 %.2f ms failures %d%n",
                        round, target.name(), r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.failures());
                results.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(r);
            }
        }
        printTable(results, targets.get(0).name(), connections, seconds, rounds);
    }

    private static Wrk.Result measure(Target target, Path appJar, int connections, int seconds) {
        int port = FreePort.pick();
        Map<String, String> env = new HashMap<>(target.env());
        env.put("PORT", Integer.toString(port));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        if (target.mainClass() == null) {
            command.addAll(List.of("-jar", appJar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), target.mainClass()));
        }
        try (ChildProcess server = ChildProcess.start(target.name(), command, env)) {
            Http http = new Http(port);
            Await.until(target.name() + " to answer", Duration.ofSeconds(30),
                    () -> http.get(target.path()).status() == 200);
            String url = "http://127.0.0.1:" + port + target.path();
            Wrk.run(url, 2, connections, 3); // warm-up: JIT and connection set-up
            return Wrk.run(url, 2, connections, seconds);
        }
    }

    private static void printTable(Map<String, List<Wrk.Result>> results, String baseline, int connections,
            int seconds, int rounds) {
        double baseRps = median(results.get(baseline), Wrk.Result::requestsPerSecond);
        System.out.println();
        System.out.printf(Locale.ROOT, "HTTP, wrk -t2 -c%d -d%ds, median of %d interleaved rounds, %d cores%n",
                connections, seconds, rounds, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %-28s | %10s | %8s | %8s | %9s | %8s |%n",
                "target", "req/s", "p50 ms", "p99 ms", "vs bare", "failures");
        System.out.println("|------------------------------|-----------:|---------:|---------:|----------:|---------:|");
        for (Map.Entry<String, List<Wrk.Result>> e : results.entrySet()) {
            List<Wrk.Result> rs = e.getValue();
            double rps = median(rs, Wrk.Result::requestsPerSecond);
            long failures = rs.stream().mapToLong(Wrk.Result::failures).sum();
            System.out.printf(Locale.ROOT, "| %-28s | %10.0f | %8.2f | %8.2f | %8.1f%% | %8d |%n",
                    e.getKey(), rps, median(rs, Wrk.Result::p50Millis), median(rs, Wrk.Result::p99Millis),
                    100 * rps / baseRps, failures);
        }
    }

    private interface Field {
        double of(Wrk.Result r);
    }

    static double median(List<Wrk.Result> rs, Field field) {
        double[] v = rs.stream().mapToDouble(field::of).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
