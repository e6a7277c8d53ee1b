package dev.counter.bench;

import dev.counter.app.backend.memory.MemoryBackend;
import dev.counter.app.config.Strategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The memory backend's increment for {@code /status}, per strategy, measured as total throughput so
 * that ns/op is wall time per increment across all threads (as Go's RunParallel reports it).
 * {@link #baselineAtomicLong} is a bare shared {@code AtomicLong} in the same run: the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StrategyBenchmark {

    @Param({"atomic", "lock", "queue"})
    public String strategy;

    private MemoryBackend backend;
    private final AtomicLong bare = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        backend = new MemoryBackend(Strategy.valueOf(strategy.toUpperCase(java.util.Locale.ROOT)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public long statusIncrement() {
        return backend.incrementForStatus().join().value();
    }

    @Benchmark
    public long baselineAtomicLong() {
        return bare.incrementAndGet();
    }
}
