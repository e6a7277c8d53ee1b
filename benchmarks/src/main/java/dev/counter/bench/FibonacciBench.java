package dev.counter.bench;

import static org.awaitility.Awaitility.await;

import dev.counter.app.backend.Decimal;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.EtcdCluster;
import dev.counter.testkit.Fibonacci;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.Http;
import dev.counter.testkit.RedisServer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench}, Fibonacci part: what one {@code /next} step costs far along the sequence.
 * The Redis script alone — its time inside redis-server from {@code INFO commandstats}, which is
 * how long Redis is blocked for every client — against the quadratic script it replaced, run in
 * the same rounds as the baseline; and {@code /next} over HTTP through the service on Redis and
 * on etcd, one request at a time; and how long Java takes to read F(n)'s decimal text back into a
 * number, {@code new BigInteger(String)} (quadratic) against {@link Decimal#parse}. Each state is
 * seeded as (F(n), F(n+1)) computed here.
 */
public final class FibonacciBench {
    private static final int[] STEPS = {10_000, 100_000, 500_000};
    private static final int ROUNDS = 3;
    /** Calls per measurement: until this much time has passed, within the bounds below. */
    private static final long BUDGET_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MIN_CALLS = 1;
    private static final int MAX_CALLS = 200;
    private static final String KEY = "bench-fib";
    private static final Pattern EVALSHA_USEC = Pattern.compile("cmdstat_evalsha:calls=(\\d+),usec=(\\d+)");

    private FibonacciBench() {
    }

    public static void main(String[] args) throws Exception {
        Path appJar = Path.of(System.getenv().getOrDefault("COUNTER_APP_JAR", "counter-app/target/counter-app.jar"));
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException(appJar + " is missing: run mvn package first (make bench does)");
        }
        Map<Integer, BigInteger[]> states = new LinkedHashMap<>();
        for (int n : STEPS) {
            states.put(n, Fibonacci.pair(n));
        }
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        try (RedisServer redis = RedisServer.start(); EtcdCluster etcd = EtcdCluster.start(1)) {
            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> r = connection.sync();
                String linear = r.scriptLoad(resource("/dev/counter/app/backend/redis/fibonacci_next.lua"));
                String quadratic = r.scriptLoad(resource("/dev/counter/bench/fibonacci_next_quadratic.lua"));
                for (int round = 1; round <= ROUNDS; round++) {
                    for (Map.Entry<Integer, BigInteger[]> state : states.entrySet()) {
                        for (String[] script : new String[][] {{"quadratic", quadratic}, {"linear", linear}}) {
                            double us = scriptMicros(r, script[1], state.getValue());
                            System.out.printf(Locale.ROOT, "round %d F(%d) %s script: %.0f us/call%n", round,
                                    state.getKey(), script[0], us);
                            micros.computeIfAbsent(script[0] + state.getKey(), k -> new ArrayList<>()).add(us);
                        }
                    }
                }
            } finally {
                client.shutdown();
            }
            for (String store : new String[] {"redis", "etcd"}) {
                Map<String, String> env = new HashMap<>(Map.of("COUNTER_KEY", KEY, "COUNTER_BACKEND", store,
                        "REDIS_URL", redis.url(), "ETCD_ENDPOINTS", etcd.endpoints()));
                int port = FreePort.pick();
                env.put("PORT", Integer.toString(port));
                env.put("GRPC_PORT", "off"); // measured over HTTP; the gRPC default port may be taken
                try (ChildProcess app = startApp(appJar, env)) {
                    Http http = new Http(port);
                    await("counter-app on " + store + " to be ready").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                            .until(() -> http.get("/ready").status() == 200);
                    for (Map.Entry<Integer, BigInteger[]> state : states.entrySet()) {
                        seed(store, redis, etcd, state.getValue());
                        String current = http.get("/current").body();
                        if (!current.equals("{\"current\": " + state.getValue()[0] + "}")) {
                            throw new IllegalStateException(store + ": the service does not read the seeded state"
                                    + " (a key layout change?)");
                        }
                        // the first pass warms the JIT up; the second is the one reported
                        httpMicros(http, state.getValue());
                        double us = httpMicros(http, state.getValue());
                        System.out.printf(Locale.ROOT, "F(%d) /next over HTTP on %s: %.0f us%n", state.getKey(),
                                store, us);
                        micros.put(store + state.getKey(), List.of(us));
                    }
                }
            }
        }
        for (int round = 1; round <= ROUNDS; round++) {
            for (Map.Entry<Integer, BigInteger[]> state : states.entrySet()) {
                String text = state.getValue()[0].toString();
                micros.computeIfAbsent("BigInteger" + state.getKey(), k -> new ArrayList<>())
                        .add(parseMicros(BigInteger::new, text));
                micros.computeIfAbsent("Decimal" + state.getKey(), k -> new ArrayList<>())
                        .add(parseMicros(Decimal::parse, text));
            }
        }
        print(states, micros);
    }

    /** Mean time to read {@code text} back into a BigInteger, in microseconds. */
    private static double parseMicros(Function<String, BigInteger> parser, String text) {
        long start = System.nanoTime();
        int calls = 0;
        while (calls < MIN_CALLS || (calls < MAX_CALLS && System.nanoTime() - start < BUDGET_NANOS)) {
            if (parser.apply(text).signum() <= 0) {
                throw new IllegalStateException("parsed a Fibonacci number as non-positive");
            }
            calls++;
        }
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    private static void print(Map<Integer, BigInteger[]> states, Map<String, List<Double>> micros) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Fibonacci /next at F(n): the Redis script's time per call, quadratic (before)"
                + " vs linear, median of %d rounds; /next over HTTP, one at a time, median; reading F(n)'s text back"
                + " into a BigInteger, median of %d rounds; %d cores%n", ROUNDS, ROUNDS,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %8s | %7s | %12s | %9s | %8s | %10s | %9s | %9s | %9s |%n", "n",
                "digits", "quadratic ms", "linear ms", "speed-up", "redis ms", "etcd ms", "BigInt ms", "Decimal ms");
        System.out.println("|---------:|--------:|-------------:|----------:|---------:|-----------:|----------:|"
                + "----------:|-----------:|");
        for (Map.Entry<Integer, BigInteger[]> state : states.entrySet()) {
            int n = state.getKey();
            double quadratic = median(micros.get("quadratic" + n));
            double linear = median(micros.get("linear" + n));
            System.out.printf(Locale.ROOT, "| %8d | %7d | %12.2f | %9.2f | %7.0fx | %10.2f | %9.2f | %9.2f | %10.2f |%n",
                    n, state.getValue()[0].toString().length(), quadratic / 1000, linear / 1000, quadratic / linear,
                    median(micros.get("redis" + n)) / 1000, median(micros.get("etcd" + n)) / 1000,
                    median(micros.get("BigInteger" + n)) / 1000, median(micros.get("Decimal" + n)) / 1000);
        }
    }

    /** Mean time of one script call inside redis-server, in microseconds. */
    private static double scriptMicros(RedisCommands<String, String> r, String sha, BigInteger[] state) {
        String hash = "{" + KEY + "}:script";
        r.hset(hash, Map.of("current", state[0].toString(), "next", state[1].toString()));
        r.configResetstat();
        long start = System.nanoTime();
        int calls = 0;
        while (calls < MIN_CALLS || (calls < MAX_CALLS && System.nanoTime() - start < BUDGET_NANOS)) {
            r.evalsha(sha, ScriptOutputType.VALUE, hash);
            calls++;
        }
        Matcher m = EVALSHA_USEC.matcher(r.info("commandstats"));
        if (!m.find() || Long.parseLong(m.group(1)) != calls) {
            throw new IllegalStateException("INFO commandstats does not show the " + calls + " EVALSHA calls");
        }
        return Long.parseLong(m.group(2)) / (double) calls;
    }

    /** Median latency of one {@code /next} in microseconds, after checking the seeded state is served. */
    private static double httpMicros(Http http, BigInteger[] state) {
        if (http.get("/current").status() != 200) {
            throw new IllegalStateException("/current failed");
        }
        List<Double> samples = new ArrayList<>();
        long start = System.nanoTime();
        while (samples.size() < MIN_CALLS + 2 || (samples.size() < MAX_CALLS && System.nanoTime() - start < BUDGET_NANOS)) {
            long t = System.nanoTime();
            if (http.get("/next").status() != 200) {
                throw new IllegalStateException("/next failed");
            }
            samples.add((System.nanoTime() - t) / 1000.0);
        }
        return median(samples);
    }

    private static void seed(String store, RedisServer redis, EtcdCluster etcd, BigInteger[] state)
            throws InterruptedException {
        if (store.equals("redis")) {
            seedRedis(redis, state);
        } else {
            seedEtcd(etcd, state);
        }
    }

    private static void seedRedis(RedisServer redis, BigInteger[] state) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().hset("{" + KEY + "}:fib", Map.of("current", state[0].toString(), "next", state[1].toString()));
        } finally {
            client.shutdown();
        }
    }

    /** The etcd backend's form: {@code current,next} in the key {@code <COUNTER_KEY>/fib}. */
    private static void seedEtcd(EtcdCluster etcd, BigInteger[] state) throws InterruptedException {
        try (Client client = Client.builder().endpoints(etcd.endpoints().split(",")).build()) {
            client.getKVClient().put(ByteSequence.from(KEY + "/fib", StandardCharsets.US_ASCII),
                    ByteSequence.from(state[0] + "," + state[1], StandardCharsets.US_ASCII)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding etcd failed", e.getCause());
        }
    }

    private static ChildProcess startApp(Path appJar, Map<String, String> env) {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xms256m", "-Xmx256m", "-XX:+UseParallelGC", "-jar", appJar.toString());
        return ChildProcess.start("counter-app", command, env);
    }

    private static String resource(String name) {
        try (InputStream in = FibonacciBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
