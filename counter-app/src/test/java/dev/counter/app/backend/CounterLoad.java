package dev.counter.app.backend;

import dev.counter.testkit.Http;
import dev.counter.testkit.Http.Answer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent increments spread over several service instances, recording every answer: the values
 * acknowledged with 200, and everything else.
 */
public final class CounterLoad {
    private static final Pattern VALUE = Pattern.compile("^\\{\"(?:counter\":|content\":\"count value = )(\\d+)");
    private static final String[] PATHS = {"/status", "/statusV2", "/increment"};

    /** One answer: its HTTP status (0 when the connection failed), its value when 200, when it came. */
    public record Outcome(int status, long value, long atNanos) {
    }

    private final List<Http> instances;
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    public CounterLoad(List<Http> instances) {
        this.instances = instances;
    }

    /** {@code threads} × {@code perThread} increments, round-robin over instances and paths. */
    public List<Outcome> run(int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        once(thread + i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(outcomes);
    }

    /** Increments from {@code threads} threads until {@code stop} is set. */
    public Future<?> runUntil(int threads, AtomicBoolean stop) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    once(thread + i);
                }
            }));
        }
        pool.shutdown();
        return Executors.newSingleThreadExecutor().submit(() -> {
            for (Future<?> w : workers) {
                w.get();
            }
            pool.awaitTermination(1, TimeUnit.MINUTES);
            return null;
        });
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    private void once(int n) {
        Http http = instances.get(n % instances.size());
        String path = PATHS[n % PATHS.length];
        try {
            Answer a = http.get(path);
            long value = -1;
            if (a.status() == 200) {
                Matcher m = VALUE.matcher(a.body());
                if (!m.find()) {
                    throw new AssertionError("200 without a counter value: " + a.body());
                }
                value = Long.parseLong(m.group(1));
            }
            outcomes.add(new Outcome(a.status(), value, System.nanoTime()));
        } catch (UncheckedIOException e) {
            outcomes.add(new Outcome(0, -1, System.nanoTime()));
        }
    }
}
