package dev.counter.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.counter.app.backend.memory.MemoryBackend;
import dev.counter.app.config.PodIdentity;
import dev.counter.app.config.Strategy;
import dev.counter.testkit.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** T threads × R requests over real HTTP: every strategy hands out exactly the values 1..T·R. */
class StrategyConcurrencyTest {
    private static final Pattern COUNTER = Pattern.compile("\\{\"counter\":(\\d+),");
    private static final int THREADS = 8;
    private static final int REQUESTS = 250;

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void statusHandsOutEveryValueOnce(Strategy strategy) throws Exception {
        assertEquals(expected(THREADS * REQUESTS), hammer(strategy, i -> "/status"));
    }

    /** {@code /statusV2} always locks while {@code /status} uses the strategy: one counter all the same. */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void statusAndStatusV2MixedHandOutEveryValueOnce(Strategy strategy) throws Exception {
        assertEquals(expected(THREADS * REQUESTS), hammer(strategy, i -> i % 2 == 0 ? "/status" : "/statusV2"));
    }

    private interface PathChoice {
        String path(int thread);
    }

    private static List<Long> hammer(Strategy strategy, PathChoice choice) throws Exception {
        CounterServer server = CounterServer.start("127.0.0.1", 0, new MemoryBackend(strategy),
                new PodIdentity("p", "n", "ns"), Duration.ofSeconds(2));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Http http = new Http(server.port());
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String path = choice.path(t);
                results.add(pool.submit(() -> {
                    List<Long> values = new ArrayList<>(REQUESTS);
                    for (int r = 0; r < REQUESTS; r++) {
                        Matcher m = COUNTER.matcher(http.get(path).body());
                        if (!m.find()) {
                            throw new AssertionError("unexpected body");
                        }
                        values.add(Long.parseLong(m.group(1)));
                    }
                    return values;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get());
            }
            all.sort(null);
            return all;
        } finally {
            pool.shutdownNow();
            server.shutdown(Duration.ZERO);
        }
    }

    private static List<Long> expected(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }
}
