package dev.counter.app.backend.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.CounterLoad;
import dev.counter.app.config.PodIdentity;
import dev.counter.app.http.CounterServer;
import dev.counter.testkit.Http;
import dev.counter.testkit.Http.Answer;
import dev.counter.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away and coming back, with real redis-server processes killed and restarted with
 * their append-only file, as the operator's managed Redis runs. (Coming back empty is {@link
 * RedisStateLossTest}'s case.)
 */
class RedisOutageTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final String UNAVAILABLE = "{\"error\":\"backend unavailable\",\"backend\":\"redis\"}";

    private RedisServer redis;
    private CounterServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown(Duration.ZERO);
        }
        if (redis != null) {
            redis.close();
        }
    }

    private Http serve(RedisServer target) {
        server = CounterServer.start("127.0.0.1", 0, new RedisBackend(URI.create(target.url()), "outage", TIMEOUT),
                new PodIdentity("p", "n", "ns"), TIMEOUT);
        return new Http(server.port());
    }

    @Test
    void killedRedisGives503WithinTheDeadlineThenRecoversAndReloadsItsScript() {
        redis = RedisServer.startPersistent();
        Http http = serve(redis);
        assertEquals(200, http.get("/status").status());

        redis.kill();
        long start = System.nanoTime();
        Answer a = http.get("/status");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, a.status());
        assertEquals(UNAVAILABLE, a.body());
        // a bound against hanging, not a speed claim: the deadline plus scheduling slack
        assertTrue(tookMillis < TIMEOUT.toMillis() + 2000, "answered after " + tookMillis + " ms");
        assertEquals(503, http.get("/increment").status());
        assertEquals(503, http.get("/next").status());
        await("/ready to turn 503").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 503);
        assertEquals("{\"status\":\"not ready\",\"backend\":\"redis\",\"reason\":\"backend unavailable\","
                + "\"highWaterMark\":1}",
                http.get("/ready").body());
        assertEquals(200, http.get("/health").status(), "liveness does not depend on the backend");
        String down = http.get("/metrics").body();
        assertTrue(down.contains("counter_store_up{backend=\"redis\"} 0.0\n"), down);

        // restarted from its append-only file, without the script in its cache (NOSCRIPT)
        redis.startProcess();
        await("/ready to turn 200").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 200);
        Answer after = http.get("/status");
        assertEquals(200, after.status(), after.body());
        assertTrue(after.body().startsWith("{\"counter\":2,\"status\":false,"), after.body());
        assertTrue(http.get("/metrics").body().matches(
                "(?s).*counter_backend_errors_total\\{backend=\"redis\",cause=\"(unavailable|timeout)\"} [1-9].*"));
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("counter_store_up{backend=\"redis\"} 1.0\n"), metrics);
        assertTrue(metrics.contains("counter_store_reconnects_total{backend=\"redis\"} 1.0\n"), metrics);
    }

    @Test
    void flushedScriptCacheIsReloadedOnNoscript() {
        redis = RedisServer.start();
        Http http = serve(redis);
        assertTrue(http.get("/status").body().startsWith("{\"counter\":1,"));
        assertEquals(200, http.get("/next").status());
        assertEquals("+OK", redis.command("SCRIPT", "FLUSH"));
        assertTrue(http.get("/status").body().startsWith("{\"counter\":2,"));
        assertEquals("{\"next\": 1}", http.get("/next").body());
        assertEquals("+OK", redis.command("SCRIPT", "FLUSH"));
        assertTrue(http.get("/statusV2").body().startsWith("{\"counter\":3,"));
    }

    @Test
    void startsWhileRedisIsDownAndBecomesReadyWhenItComes() {
        redis = RedisServer.prepare();
        Http http = serve(redis);
        assertEquals(200, http.get("/health").status());
        assertEquals(503, http.get("/ready").status());
        assertEquals(UNAVAILABLE, http.get("/status").body());
        assertEquals(503, http.get("/fetch").status());
        assertEquals(503, http.get("/healthz").status());

        redis.startProcess();
        await("/ready to turn 200 without a restart").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> http.get("/ready").status() == 200);
        assertTrue(http.get("/status").body().startsWith("{\"counter\":1,"));
        assertEquals("{\"content\":\"backend redis: ok\",\"message\":\"Status OK\",\"node\":\"n\",\"pod\":\"p\"}",
                http.get("/healthz").body());
    }

    @Test
    void killDuringLoadGivesOnly200sWithUniqueValuesOr503s() throws Exception {
        redis = RedisServer.startPersistent();
        Http http = serve(redis);
        CounterLoad load = new CounterLoad(List.of(http));
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> running = load.runUntil(6, stop);
        await("some load before the kill").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> load.outcomes().size() > 200);
        redis.kill();
        await("503s during the outage").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> load.outcomes().stream().anyMatch(o -> o.status() == 503));
        redis.startProcess();
        await("200s after the restart").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> load.outcomes().stream().skip(load.outcomes().size() - 20L).allMatch(o -> o.status() == 200));
        stop.set(true);
        running.get();

        Set<Long> values = new HashSet<>();
        for (CounterLoad.Outcome o : load.outcomes()) {
            assertTrue(o.status() == 200 || o.status() == 503, "only 200 or 503, got " + o.status());
            if (o.status() == 200) {
                assertTrue(values.add(o.value()), "value " + o.value() + " handed out twice");
            }
        }
    }
}
