package dev.counter.app.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.config.PodIdentity;
import dev.counter.app.http.CounterServer;
import dev.counter.testkit.Http;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What makes a backend shared: three service instances (three ports, three clients) on one store
 * hand out every value exactly once between them.
 */
public abstract class SharedCounterContract {
    private static final Pattern CONTENT_VALUE = Pattern.compile("count value = (\\d+)");
    private static final Pattern NEXT = Pattern.compile("\\{\"next\": (\\d+)}");

    private final List<CounterServer> servers = new ArrayList<>();
    private final List<Http> instances = new ArrayList<>();

    protected abstract CounterBackend newBackend(String counterKey);

    @BeforeEach
    void startThreeInstances() {
        String key = "shared-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            CounterServer server = CounterServer.start("127.0.0.1", 0, newBackend(key),
                    new PodIdentity("pod-" + i, "node", "ns"), Duration.ofSeconds(5));
            servers.add(server);
            instances.add(new Http(server.port()));
        }
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.shutdown(Duration.ZERO));
    }

    private long fetch(Http http) {
        Matcher m = CONTENT_VALUE.matcher(http.get("/fetch").body());
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    void threeInstancesHandOutEveryValueExactlyOnce() throws Exception {
        // an earlier value makes the base non-zero, as in a counter that has been running
        instances.get(0).get("/increment?by=41");
        long base = fetch(instances.get(1));
        int threads = 12;
        int perThread = 100;
        List<CounterLoad.Outcome> outcomes = new CounterLoad(instances).run(threads, perThread);
        List<Long> values = new ArrayList<>();
        for (CounterLoad.Outcome o : outcomes) {
            assertEquals(200, o.status(), "every increment succeeds while the backend is up");
            values.add(o.value());
        }
        values.sort(null);
        int n = threads * perThread;
        assertEquals(LongStream.rangeClosed(base + 1, base + n).boxed().toList(), values,
                "exactly base+1 … base+N: no duplicates, no gaps");
        for (Http http : instances) {
            assertEquals(base + n, fetch(http));
        }
    }

    /**
     * Increments of different sizes from three instances at once: each answer is the last value of
     * its own range, so the ranges [value − by + 1, value] must tile base+1 … base+Σby exactly.
     * For etcd this mixes compare-and-swap batches with conflict-free +1s across instances.
     */
    @Test
    void mixedIncrementsAcrossInstancesTileTheCounter() throws Exception {
        long base = fetch(instances.get(0));
        int[] sizes = {1, 1, 3, 1, 7, 1, 2};
        int threads = 9;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<long[]> ranges = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int by = sizes[(thread + i) % sizes.length];
                        Http http = instances.get((thread + i) % instances.size());
                        Matcher m = CONTENT_VALUE.matcher(http.get("/increment?by=" + by).body());
                        assertTrue(m.find());
                        long value = Long.parseLong(m.group(1));
                        ranges.add(new long[] {value - by + 1, value});
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        long next = base + 1;
        for (long[] range : sorted) {
            assertEquals(next, range[0], "ranges must neither overlap nor leave a gap");
            next = range[1] + 1;
        }
        assertEquals(next - 1, fetch(instances.get(2)), "the counter ends at the last range");
    }

    @Test
    void concurrentFibonacciStepsAcrossInstancesAreDistinct() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<BigInteger>> steps = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Http http = instances.get(i % 3);
                steps.add(pool.submit(() -> {
                    Matcher m = NEXT.matcher(http.get("/next").body());
                    assertTrue(m.matches());
                    return new BigInteger(m.group(1));
                }));
            }
            Set<BigInteger> distinct = new HashSet<>();
            for (Future<BigInteger> f : steps) {
                distinct.add(f.get());
            }
            assertEquals(59, distinct.size(), "60 steps, F(1) = F(2) = 1 the only repeat");
            assertEquals("{\"current\": 1548008755920}", instances.get(2).get("/current").body(), "F(60)");
        } finally {
            pool.shutdownNow();
        }
    }
}
