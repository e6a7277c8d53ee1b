package dev.counter.bench;

import static org.awaitility.Awaitility.await;

import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.EtcdCluster;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.Http;
import dev.counter.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench}, HTTP part: wrk against real processes. Every server runs in its own JVM with
 * the same flags; each table has its baseline measured in the same run, rounds are interleaved so
 * that drift on this shared machine hits every row alike, and the tables report medians and ratios.
 *
 * <p>Table 1 (argument {@code strategies}): the memory strategies against a bare Undertow handler.
 * Table 2 (argument {@code backends}): redis and etcd, one instance and three instances on one
 * store, against the memory backend. {@code BENCH_SECONDS}, {@code BENCH_ROUNDS} and
 * {@code BENCH_FILTER} (a regex on row names) adjust a run.
 */
public final class HttpBench {
    private static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC");
    /** Store round trips and the requests they served, from the instances' own metrics. */
    private static final Pattern COMMITS = Pattern.compile(
            "(?m)^(?:counter_etcd_commits_total|counter_redis_status_calls_total)(?:\\{[^}]*})? (\\S+)");
    private static final Pattern STEPS = Pattern.compile(
            "(?m)^(?:counter_etcd_committed_steps_total|counter_redis_status_requests_total)(?:\\{[^}]*})? (\\S+)");

    enum Store { NONE, REDIS, ETCD }

    /** What one row measures. */
    record Scenario(String name, String path, int instances, Store store, int connections,
            Map<String, String> env, String mainClass) {
        String key() {
            return name + "@" + connections;
        }

        static Scenario app(String name, String path, int instances, Store store, int connections, String... env) {
            Map<String, String> vars = new HashMap<>();
            for (int i = 0; i + 1 < env.length; i += 2) {
                vars.put(env[i], env[i + 1]);
            }
            return new Scenario(name, path, instances, store, connections, vars, null);
        }
    }

    /** One round of one row: the summed throughput, the worst latencies, the etcd batch size. */
    record Measured(double requestsPerSecond, double p50Millis, double p99Millis, long failures, double batch) {
    }

    private HttpBench() {
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "all";
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "10"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
        Path appJar = Path.of(System.getenv().getOrDefault("COUNTER_APP_JAR", "counter-app/target/counter-app.jar"));
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException(appJar + " is missing: run mvn package first (make bench does)");
        }
        if (which.equals("all") || which.equals("strategies")) {
            List<Scenario> table = List.of(
                    new Scenario("bare Undertow (baseline)", "/", 1, Store.NONE, 80, Map.of(), BareServer.class.getName()),
                    Scenario.app("memory atomic /status", "/status", 1, Store.NONE, 80, "COUNTER_STRATEGY", "atomic"),
                    Scenario.app("memory lock /status", "/status", 1, Store.NONE, 80, "COUNTER_STRATEGY", "lock"),
                    Scenario.app("memory queue /status", "/status", 1, Store.NONE, 80, "COUNTER_STRATEGY", "queue"),
                    Scenario.app("memory /statusV2 (lock)", "/statusV2", 1, Store.NONE, 80));
            print("Memory strategies vs a bare Undertow handler, wrk -t2 -c80", table,
                    run(table, appJar, seconds, rounds), seconds, rounds);
        }
        if (which.equals("all") || which.equals("backends")) {
            List<Scenario> table = List.of(
                    Scenario.app("memory (baseline)", "/status", 1, Store.NONE, 64),
                    Scenario.app("redis, 1 instance", "/status", 1, Store.REDIS, 64),
                    Scenario.app("redis, 3 instances", "/status", 3, Store.REDIS, 64),
                    Scenario.app("etcd combine, 1 instance", "/status", 1, Store.ETCD, 64, "ETCD_INCREMENT", "combine"),
                    Scenario.app("etcd combine, 3 instances", "/status", 3, Store.ETCD, 64, "ETCD_INCREMENT", "combine"),
                    Scenario.app("etcd combine, 1 instance", "/status", 1, Store.ETCD, 256, "ETCD_INCREMENT", "combine"),
                    Scenario.app("etcd version, 1 instance", "/status", 1, Store.ETCD, 64, "ETCD_INCREMENT", "version"),
                    Scenario.app("etcd version, 3 instances", "/status", 3, Store.ETCD, 64, "ETCD_INCREMENT", "version"),
                    Scenario.app("etcd version, 1 instance", "/status", 1, Store.ETCD, 256, "ETCD_INCREMENT", "version"));
            print("Shared backends vs memory, /status, connections split across instances", table,
                    run(table, appJar, seconds, rounds), seconds, rounds);
        }
    }

    private static Map<String, List<Measured>> run(List<Scenario> all, Path appJar, int seconds, int rounds) {
        // BENCH_FILTER (a regex on row names) re-measures a few rows; the first row, the baseline,
        // always runs so that ratios stay within one run
        Pattern filter = Pattern.compile(System.getenv().getOrDefault("BENCH_FILTER", ".*"));
        List<Scenario> table = new ArrayList<>();
        for (Scenario s : all) {
            if (table.isEmpty() || filter.matcher(s.name()).find()) {
                table.add(s);
            }
        }
        Map<String, List<Measured>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Scenario s : table) {
                Measured m = measure(s, appJar, seconds);
                System.out.printf(Locale.ROOT, "round %d %-32s %10.0f req/s p50 %.2f ms p99 %.2f ms failures %d%s%n",
                        round, s.name(), m.requestsPerSecond(), m.p50Millis(), m.p99Millis(), m.failures(),
                        Double.isNaN(m.batch()) ? "" : String.format(Locale.ROOT, " batch %.1f", m.batch()));
                results.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(m);
            }
        }
        return results;
    }

    private static Measured measure(Scenario s, Path appJar, int seconds) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Map<String, String> env = new HashMap<>(s.env());
            switch (s.store()) {
                case REDIS -> {
                    RedisServer redis = RedisServer.start();
                    started.add(redis);
                    env.put("COUNTER_BACKEND", "redis");
                    env.put("REDIS_URL", redis.url());
                }
                case ETCD -> {
                    EtcdCluster etcd = EtcdCluster.start(1);
                    started.add(etcd);
                    env.put("COUNTER_BACKEND", "etcd");
                    env.put("ETCD_ENDPOINTS", etcd.endpoints());
                }
                case NONE -> { }
            }
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < s.instances(); i++) {
                int port = FreePort.pick();
                env.put("PORT", Integer.toString(port));
                started.add(0, startServer(s, appJar, env));
                ports.add(port);
            }
            for (int port : ports) {
                Http http = new Http(port);
                String probe = s.mainClass() == null ? "/ready" : "/";
                await(s.name() + " on " + port + " to be ready").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> http.get(probe).status() == 200);
            }
            load(s, ports, 3); // warm-up: JIT, connections, the store's first writes
            List<Wrk.Result> results = load(s, ports, seconds);
            double batch = s.store() == Store.NONE ? Double.NaN : batchSize(ports);
            return new Measured(
                    results.stream().mapToDouble(Wrk.Result::requestsPerSecond).sum(),
                    results.stream().mapToDouble(Wrk.Result::p50Millis).max().orElse(Double.NaN),
                    results.stream().mapToDouble(Wrk.Result::p99Millis).max().orElse(Double.NaN),
                    results.stream().mapToLong(Wrk.Result::failures).sum(),
                    batch);
        } finally {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort: the next scenario picks fresh ports anyway
                }
            }
        }
    }

    private static ChildProcess startServer(Scenario s, Path appJar, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        // these rows measure HTTP; several instances on one machine cannot share the gRPC default port
        all.put("GRPC_PORT", "off");
        return startJvm(s.name(), appJar, s.mainClass(), all);
    }

    /** The counter service's jar, or {@code mainClass} from this classpath, with the benches' JVM flags. */
    static ChildProcess startJvm(String name, Path appJar, String mainClass, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        if (mainClass == null) {
            command.addAll(List.of("-jar", appJar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        }
        return ChildProcess.start(name, command, env);
    }

    /** One wrk per instance, run together, the connections split between them. */
    private static List<Wrk.Result> load(Scenario s, List<Integer> ports, int seconds) {
        int perInstance = Math.max(1, s.connections() / ports.size());
        int threads = ports.size() == 1 ? 2 : 1;
        List<CompletableFuture<Wrk.Result>> runs = new ArrayList<>();
        for (int port : ports) {
            String url = "http://127.0.0.1:" + port + s.path();
            runs.add(CompletableFuture.supplyAsync(() -> Wrk.run(url, threads, perInstance, seconds)));
        }
        return runs.stream().map(CompletableFuture::join).toList();
    }

    /** Requests per store round trip (etcd transaction, Redis script call), over all instances. */
    private static double batchSize(List<Integer> ports) {
        double commits = 0;
        double steps = 0;
        for (int port : ports) {
            String metrics = new Http(port).get("/metrics").body();
            commits += first(COMMITS, metrics);
            steps += first(STEPS, metrics);
        }
        return commits == 0 ? Double.NaN : steps / commits;
    }

    /** Samples are written as doubles ("1234.0", "1.2345E7"). */
    private static double first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void print(String title, List<Scenario> table, Map<String, List<Measured>> results, int seconds,
            int rounds) {
        double base = median(results.get(table.get(0).key()), Measured::requestsPerSecond);
        System.out.println();
        System.out.printf(Locale.ROOT, "%s, -d%ds, median of %d interleaved rounds, %d cores%n", title, seconds, rounds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %-32s | %5s | %10s | %8s | %8s | %9s | %8s | %10s |%n",
                "target", "conns", "req/s", "p50 ms", "p99 ms", "vs first", "failures", "batch size");
        System.out.println("|----------------------------------|------:|-----------:|---------:|---------:|----------:|"
                + "---------:|-----------:|");
        for (Scenario s : table) {
            List<Measured> rs = results.get(s.key());
            if (rs == null) {
                continue;
            }
            double rps = median(rs, Measured::requestsPerSecond);
            double batch = median(rs, Measured::batch);
            System.out.printf(Locale.ROOT, "| %-32s | %5d | %10.0f | %8.2f | %8.2f | %8.1f%% | %8d | %10s |%n",
                    s.name(), s.connections(), rps, median(rs, Measured::p50Millis), median(rs, Measured::p99Millis),
                    100 * rps / base, rs.stream().mapToLong(Measured::failures).sum(),
                    Double.isNaN(batch) ? "" : String.format(Locale.ROOT, "%.1f", batch));
        }
    }

    interface Field {
        double of(Measured m);
    }

    static double median(List<Measured> rs, Field field) {
        double[] v = rs.stream().mapToDouble(field::of).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
