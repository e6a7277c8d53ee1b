package dev.counter.app.backend;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.config.PodIdentity;
import dev.counter.app.http.CounterServer;
import dev.counter.testkit.Http;
import dev.counter.testkit.Http.Answer;
import dev.counter.testkit.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of a shared backend under the faults a store really has, with real store processes:
 * it stalls (SIGSTOP), the network drops everything (a proxy that stops forwarding), it is down for
 * a long time, it holds a value the service cannot use, or it loses or rolls back the counter.
 * Every counter request is answered by its deadline, a 503 is not applied later unless its write
 * had left, nothing wedges, service comes back by itself, and no value is ever handed out twice.
 */
public abstract class StoreFaultContract {
    protected static final Duration TIMEOUT = Duration.ofMillis(500);
    /**
     * What a request may take beyond the deadline on a shared 2-core machine (the router's own net
     * answers at the deadline plus 200 ms): a bound against hanging, not a speed claim.
     */
    protected static final long SLACK_MILLIS = 700;
    private static final Pattern VALUE = Pattern.compile("^\\{\"(?:counter\":|content\":\"count value = )(\\d+)");
    private static final Pattern IN_FLIGHT = Pattern.compile("counter_deadline_in_flight_total\\{[^}]*} (\\d+)");

    private final List<CounterServer> servers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** The backend's id in error bodies: "redis" or "etcd". */
    protected abstract String backendId();

    /** Starts the store; it keeps its data across {@link #restartStore()}. */
    protected abstract void startStore();

    /** The service's target (REDIS_URL / ETCD_ENDPOINTS form) for a store reached on {@code port}. */
    protected abstract String targetVia(int port);

    /** The port the store listens on. */
    protected abstract int storePort();

    protected abstract CounterBackend backend(String target, String key, Duration timeout);

    protected abstract void pauseStore();

    protected abstract void resumeStore();

    protected abstract void killStore();

    /** Starts the killed store again, with its data. */
    protected abstract void restartStore();

    protected abstract void stopStore();

    /** Writes something the service cannot read into the counter's value. */
    protected abstract void poison(String key);

    /** Puts the counter back to {@code value}, in the store's own terms. */
    protected abstract void setCounter(String key, long value);

    /** The store loses the counter (a restart without data, keys deleted). */
    protected abstract void loseCounter(String key);

    /** The documented recovery step: the counter put back at {@code value}, the marker deleted. */
    protected abstract void resumeAt(String key, long value);

    @AfterEach
    void stopAll() throws Exception {
        servers.forEach(s -> s.shutdown(Duration.ZERO));
        for (AutoCloseable c : closeables) {
            c.close();
        }
        stopStore();
    }

    protected Http serve(String target, String key) {
        CounterServer server = CounterServer.start("127.0.0.1", 0, backend(target, key, TIMEOUT),
                new PodIdentity("p", "n", "ns"), TIMEOUT);
        servers.add(server);
        Http http = new Http(server.port());
        // a cold JVM's first call to a store loads and connects for longer than a deadline
        await("the service to be ready").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 200
                || http.get("/ready").body().contains("counter state lost"));
        return http;
    }

    protected static long value(Answer a) {
        Matcher m = VALUE.matcher(a.body());
        assertTrue(a.status() == 200 && m.find(), "not a counter value: " + a.status() + " " + a.body());
        return Long.parseLong(m.group(1));
    }

    private String unavailable() {
        return "{\"error\":\"backend unavailable\",\"backend\":\"" + backendId() + "\"}";
    }

    private record Timed(Answer answer, long millis, long startedNanos) {
    }

    /** {@code threads} clients sending {@code path} back to back for {@code duration}. */
    private static List<Timed> load(Http http, String path, int threads, Duration duration) throws Exception {
        List<Timed> out = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + duration.toNanos();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    Answer a = http.get(path);
                    out.add(new Timed(a, (System.nanoTime() - start) / 1_000_000, start));
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS));
        return out;
    }

    private void assertAllRefusedWithinTheDeadline(List<Timed> answers) {
        assertTrue(answers.size() > 20, "too few requests: " + answers.size());
        long slowest = answers.stream().mapToLong(Timed::millis).max().orElseThrow();
        for (Timed t : answers) {
            assertEquals(503, t.answer().status(), t.answer().body());
            assertEquals(unavailable(), t.answer().body());
        }
        long first = answers.stream().mapToLong(Timed::startedNanos).min().orElseThrow();
        assertTrue(slowest <= TIMEOUT.toMillis() + SLACK_MILLIS, "slowest answer " + slowest + " ms, deadline "
                + TIMEOUT.toMillis() + " ms; slow ones (started ms after the first, took ms): " + answers.stream()
                        .filter(t -> t.millis() > TIMEOUT.toMillis() + SLACK_MILLIS)
                        .map(t -> (t.startedNanos() - first) / 1_000_000 + "+" + t.millis()).toList());
    }

    private static long inFlightRefusals(Http http) {
        Matcher m = IN_FLIGHT.matcher(http.get("/metrics").body());
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /**
     * A stall, then the store back: the counter moved by at most the increments whose write was on
     * the wire at their deadline (the metric counts them, by amount); those refused while they
     * waited, or at once, are never applied.
     */
    private void assertStallAppliesOnlyWhatWasInFlight(Http http, Runnable stall, Runnable heal) throws Exception {
        long before = value(http.get("/fetch"));
        long inFlightBefore = inFlightRefusals(http);
        stall.run();
        List<Timed> answers = new ArrayList<>(load(http, "/status", 16, Duration.ofMillis(1500)));
        Answer big = http.get("/increment?by=1000000");
        assertEquals(503, big.status(), big.body());
        answers.addAll(load(http, "/status", 16, Duration.ofMillis(500)));
        assertAllRefusedWithinTheDeadline(answers);
        heal.run();
        await("service back after the fault").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 200);
        long after = value(http.get("/fetch"));
        long inFlight = inFlightRefusals(http) - inFlightBefore;
        assertTrue(after - before <= inFlight, "the counter moved by " + (after - before)
                + " while only " + inFlight + " refused requests had their write on the wire");
        Answer next = http.get("/status");
        assertEquals(after + 1, value(next), "service resumes, no value skipped or reissued");
    }

    @Test
    void aStalledStoreGets503sWithinTheDeadlineAndAppliesOnlyWhatWasInFlight() throws Exception {
        startStore();
        Http http = serve(targetVia(storePort()), "stall");
        assertEquals(1, value(http.get("/status")));
        assertStallAppliesOnlyWhatWasInFlight(http, this::pauseStore, this::resumeStore);
    }

    @Test
    void aNetworkThatDropsEverythingGets503sWithinTheDeadline() throws Exception {
        startStore();
        TcpProxy proxy = TcpProxy.to(storePort());
        closeables.add(proxy);
        Http http = serve(targetVia(proxy.port()), "partition");
        assertEquals(1, value(http.get("/status")));
        assertStallAppliesOnlyWhatWasInFlight(http, proxy::drop, proxy::forward);
    }

    @Test
    void serviceReturnsWithinTwoSecondsOfTheStoreAfterAThirtySecondOutage() throws Exception {
        startStore();
        Http http = serve(targetVia(storePort()), "outage");
        long before = value(http.get("/status"));
        killStore();
        await("503s while the store is down").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> http.get("/status").status() == 503);
        long downUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // the outage itself: requests keep coming, as they do in production, so backoff grows
        while (System.nanoTime() < downUntil) {
            assertEquals(503, http.get("/status").status());
            Thread.sleep(200);
        }
        restartStore();
        long back = System.nanoTime();
        await("a 200 after the store is back").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> http.get("/status").status() == 200);
        long tookMillis = (System.nanoTime() - back) / 1_000_000;
        assertTrue(tookMillis <= 2000, "service came back " + tookMillis + " ms after the store");
        assertTrue(value(http.get("/fetch")) > before);
    }

    @Test
    void anUnusableStoredValueIsReportedAndServiceResumesOnceRepaired() {
        startStore();
        String key = "poison";
        Http http = serve(targetVia(storePort()), key);
        assertEquals(1, value(http.get("/status")));
        poison(key);
        for (String path : List.of("/status", "/increment?by=2", "/increment", "/fetch")) {
            Answer a = http.get(path);
            assertEquals(503, a.status(), path + ": " + a.body());
            assertTrue(a.body().startsWith("{\"error\":\"stored value unusable\",\"backend\":\"" + backendId() + "\""),
                    path + ": " + a.body());
        }
        await("/ready to say why").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> http.get("/ready").body()
                .contains("\"reason\":\"stored value unusable: "));
        assertEquals(503, http.get("/ready").status());
        assertTrue(http.get("/metrics").body().contains("counter_store_value_unusable{backend=\"" + backendId()
                + "\"} 1"));
        setCounter(key, 10);
        await("service to resume by itself").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> http.get("/status").status() == 200);
        assertEquals(12, value(http.get("/status")), "nothing wedged: the next increment follows the repair");
        assertEquals(14, value(http.get("/increment?by=2")));
        await("/ready back").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 200);
        assertTrue(http.get("/metrics").body().contains("counter_store_value_unusable{backend=\"" + backendId()
                + "\"} 0"));
    }

    @Test
    void aLostCounterIsRefusedByEveryReplicaUntilItIsPutBackAboveWhatWasHandedOut() {
        startStore();
        String key = "lost";
        Http a = serve(targetVia(storePort()), key);
        Set<Long> handedOut = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            handedOut.add(value(a.get("/status")));
        }
        loseCounter(key);
        // a store that restarted is unreachable for a moment: then it answers, and is refused
        await("the lost counter to be refused").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> a.get("/status").body().contains("counter state lost"));
        Answer refused = a.get("/status");
        assertEquals(503, refused.status());
        assertTrue(refused.body().startsWith("{\"error\":\"counter state lost\",\"backend\":\"" + backendId() + "\""),
                refused.body());
        assertTrue(refused.body().contains("resume above 20"), refused.body());
        await("/ready to say why").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> a.get("/ready").body().contains("\"reason\":\"counter state lost: "));
        assertTrue(a.get("/metrics").body().contains("counter_state_lost{backend=\"" + backendId() + "\"} 1"));

        // a replica that never saw the counter is refused too: the marker is in the store
        Http fresh = serve(targetVia(storePort()), key);
        Answer freshAnswer = fresh.get("/status");
        assertEquals(503, freshAnswer.status(), freshAnswer.body());
        assertTrue(freshAnswer.body().contains("counter state lost"), freshAnswer.body());

        resumeAt(key, 20);
        await("service to resume after the recovery step").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> a.get("/ready").status() == 200);
        for (Http http : List.of(a, fresh, a, fresh)) {
            Answer answer = http.get("/status");
            assertEquals(200, answer.status(), (http == a ? "old" : "fresh") + " replica: " + answer.body()
                    + ", /ready: " + http.get("/ready").body());
            long v = value(answer);
            assertTrue(v > 20 && handedOut.add(v), "value " + v + " after resuming above 20");
        }
    }

    @Test
    void aCounterRolledBackBelowWhatWasHandedOutIsRefused() {
        startStore();
        String key = "rollback";
        Http http = serve(targetVia(storePort()), key);
        for (int i = 0; i < 10; i++) {
            http.get("/status");
        }
        assertEquals(11, value(http.get("/increment")));
        setCounter(key, 5); // an older snapshot or backup put back
        for (String path : List.of("/status", "/increment?by=3", "/fetch")) {
            Answer a = http.get(path);
            assertEquals(503, a.status(), path + ": " + a.body());
            assertTrue(a.body().contains("counter state lost"), path + ": " + a.body());
        }
        resumeAt(key, 11);
        await("service to resume after the recovery step").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> http.get("/status").status() == 200);
        assertTrue(value(http.get("/status")) > 11);
    }
}
