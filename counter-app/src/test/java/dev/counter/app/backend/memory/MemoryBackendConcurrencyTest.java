package dev.counter.app.backend.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.config.Strategy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** In-process, many more operations than over HTTP: no value twice, none skipped. */
class MemoryBackendConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 20_000;

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void everyValueExactlyOnce(Strategy strategy) throws Exception {
        try (MemoryBackend backend = new MemoryBackend(strategy, () -> 0L)) {
            BitSet seen = collect(THREADS, t -> t % 3 == 0
                    ? backend.incrementForStatusV2().join().value()
                    : backend.incrementForStatus().join().value());
            int n = THREADS * PER_THREAD;
            assertEquals(n, seen.cardinality());
            assertEquals(n, seen.length() - 1, "values are exactly 1..n");
            assertEquals(n, backend.fetch().join());
        }
    }

    private interface Op {
        long run(int thread);
    }

    private static BitSet collect(int threads, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    long[] values = new long[PER_THREAD];
                    for (int i = 0; i < PER_THREAD; i++) {
                        values[i] = op.run(thread);
                    }
                    return values;
                }));
            }
            go.countDown();
            BitSet seen = new BitSet();
            for (Future<long[]> f : futures) {
                for (long v : f.get()) {
                    assertTrue(!seen.get((int) v), "value " + v + " handed out twice");
                    seen.set((int) v);
                }
            }
            return seen;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void incrementByAddsExactlyAcrossThreads() throws Exception {
        try (MemoryBackend backend = new MemoryBackend(Strategy.QUEUE)) {
            collect(4, t -> backend.incrementBy(t + 1).join());
            assertEquals((long) PER_THREAD * (1 + 2 + 3 + 4), backend.fetch().join());
        }
    }

    @Test
    void concurrentFibonacciStepsReturnDistinctNumbers() throws Exception {
        try (MemoryBackend backend = new MemoryBackend(Strategy.ATOMIC)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<BigInteger>> steps = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                steps.add(pool.submit(() -> backend.fibonacciNext().join()));
            }
            Set<BigInteger> distinct = new HashSet<>();
            for (Future<BigInteger> f : steps) {
                distinct.add(f.get());
            }
            pool.shutdown();
            // F(1) = F(2) = 1 is the sequence's only repeat
            assertEquals(399, distinct.size());
            assertEquals(backend.fibonacciCurrent().join(), distinct.stream().max(BigInteger::compareTo).orElseThrow());
        }
    }

    @Test
    void queueStrategyFailsWhatIsLeftWhenClosed() {
        QueueStrategy queue = new QueueStrategy(new AtomicLong());
        assertEquals(1L, queue.add(1).join());
        queue.close();
        CompletableFuture<Long> late = queue.add(1);
        CompletionException e = assertThrows(CompletionException.class, late::join);
        assertTrue(e.getCause() instanceof BackendUnavailableException);
    }
}
