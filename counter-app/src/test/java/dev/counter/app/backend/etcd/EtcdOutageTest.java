package dev.counter.app.backend.etcd;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.CounterLoad;
import dev.counter.app.config.BackendSettings;
import dev.counter.app.config.IncrementRoute;
import dev.counter.app.config.PodIdentity;
import dev.counter.app.http.CounterServer;
import dev.counter.testkit.EtcdCluster;
import dev.counter.testkit.Http;
import dev.counter.testkit.Http.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** etcd members going away and coming back, with real etcd processes killed and restarted. */
class EtcdOutageTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final String UNAVAILABLE = "{\"error\":\"backend unavailable\",\"backend\":\"etcd\"}";

    private EtcdCluster etcd;
    private final List<CounterServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.shutdown(Duration.ZERO));
        if (etcd != null) {
            etcd.close();
        }
    }

    private Http serve(String key) {
        return serve(key, BackendSettings.DEFAULT_ETCD_INCREMENT);
    }

    private Http serve(String key, IncrementRoute route) {
        List<URI> endpoints = Arrays.stream(etcd.endpoints().split(",")).map(URI::create).toList();
        CounterServer server = CounterServer.start("127.0.0.1", 0, new EtcdBackend(endpoints, key, TIMEOUT, route),
                new PodIdentity("p", "n", "ns"), TIMEOUT);
        servers.add(server);
        return new Http(server.port());
    }

    @Test
    void startsWhileEtcdIsDownAndBecomesReadyWhenItComes() {
        etcd = EtcdCluster.prepare(1);
        Http http = serve("late");
        assertEquals(200, http.get("/health").status());
        assertEquals(503, http.get("/ready").status());
        long start = System.nanoTime();
        Answer a = http.get("/status");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, a.status());
        assertEquals(UNAVAILABLE, a.body());
        assertTrue(tookMillis < TIMEOUT.toMillis() + 2000, "answered after " + tookMillis + " ms");
        assertEquals(503, http.get("/healthz").status());

        etcd.startAll();
        await("/ready to turn 200 without a restart").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 200);
        assertTrue(http.get("/status").body().startsWith("{\"counter\":1,"));
        assertEquals("{\"content\":\"etcd members = 1\",\"message\":\"Status OK\",\"node\":\"n\",\"pod\":\"p\"}",
                http.get("/healthz").body());
    }

    @Test
    void singleMemberOutageGives503AndRecovers() {
        etcd = EtcdCluster.start(1);
        Http http = serve("outage");
        // as in a cluster, traffic comes once the pod is ready (the client's first connection,
        // in a cold JVM, can take longer than the deadline)
        await("/ready").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 200);
        Answer first = http.get("/status");
        assertTrue(first.body().startsWith("{\"counter\":1,"), first.body());
        EtcdCluster.Member only = etcd.members().get(0);
        etcd.kill(only);
        await("/ready to turn 503").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 503);
        assertEquals(UNAVAILABLE, http.get("/status").body());
        assertEquals(UNAVAILABLE, http.get("/next").body());
        String down = http.get("/metrics").body();
        assertTrue(down.contains("counter_store_up{backend=\"etcd\"} 0.0\n"), down);
        etcd.restart(only);
        await("/ready to turn 200").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 200);
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("counter_store_up{backend=\"etcd\"} 1.0\n"), metrics);
        assertTrue(metrics.matches("(?s).*\ncounter_store_reconnects_total\\{backend=\"etcd\"} [1-9].*"), metrics);
        // the data survived (etcd persists): the counter goes on from where it was, skipping at most
        // the values of commits whose outcome was unknown
        Matcher m = Pattern.compile("\\{\"counter\":(\\d+),").matcher(http.get("/status").body());
        assertTrue(m.find());
        assertTrue(Long.parseLong(m.group(1)) >= 2);
    }

    /**
     * Three members, three service instances, and the leader killed in the middle of the load:
     * increments go on, no value is handed out twice, and nothing acknowledged is lost (every
     * acknowledged value is at most the stored counter).
     */
    @ParameterizedTest
    @EnumSource(IncrementRoute.class)
    void killingTheLeaderDuringLoadLosesNothingAcknowledged(IncrementRoute route) throws Exception {
        etcd = EtcdCluster.start(3);
        List<Http> instances = List.of(serve("ha", route), serve("ha", route), serve("ha", route));
        for (Http http : instances) {
            await("/ready").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> http.get("/ready").status() == 200);
        }
        CounterLoad load = new CounterLoad(instances);
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> running = load.runUntil(9, stop);
        await("load before the kill").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> count200(load.outcomes(), 0) > 300);

        EtcdCluster.Member leader = etcd.leader();
        etcd.kill(leader);
        long killedAt = System.nanoTime();
        await("increments to go on after the kill").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> count200(load.outcomes(), killedAt) > 300);
        stop.set(true);
        running.get();

        List<CounterLoad.Outcome> outcomes = load.outcomes();
        Set<Long> acknowledged = new HashSet<>();
        long maxAcknowledged = 0;
        for (CounterLoad.Outcome o : outcomes) {
            assertTrue(o.status() == 200 || o.status() == 503, "only 200 or 503, got " + o.status());
            if (o.status() == 200) {
                assertTrue(acknowledged.add(o.value()), "value " + o.value() + " handed out twice");
                maxAcknowledged = Math.max(maxAcknowledged, o.value());
            }
        }
        Http survivor = instances.get(0);
        Matcher m = Pattern.compile("count value = (\\d+)").matcher(survivor.get("/fetch").body());
        assertTrue(m.find());
        long stored = Long.parseLong(m.group(1));
        assertTrue(maxAcknowledged <= stored, "acknowledged " + maxAcknowledged + " but stored " + stored);
        assertTrue(acknowledged.size() <= stored);
        assertEquals("etcd members = 3", contentOf(survivor.get("/healthz").body()));
    }

    private static long count200(List<CounterLoad.Outcome> outcomes, long sinceNanos) {
        return outcomes.stream().filter(o -> o.status() == 200 && o.atNanos() > sinceNanos).count();
    }

    private static String contentOf(String body) {
        Matcher m = Pattern.compile("\"content\":\"([^\"]*)\"").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }
}
