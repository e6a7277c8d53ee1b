package dev.counter.app.backend.memory;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.FibonacciPair;
import dev.counter.app.backend.Increment;
import dev.counter.app.config.BackendType;
import dev.counter.app.config.Strategy;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The counter inside this process. Correct for one pod only: replicas would each count on their
 * own, which is why the operator refuses {@code memory} with more than one replica.
 */
public final class MemoryBackend implements CounterBackend {
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<String> HEALTH =
            CompletableFuture.completedFuture("backend memory: ok");

    private final AtomicLong cell = new AtomicLong();
    private final IncrementStrategy configured;
    private final IncrementStrategy lock;
    private final AtomicReference<FibonacciPair> fibonacci = new AtomicReference<>(FibonacciPair.START);
    private final LongSupplier epochSeconds;

    public MemoryBackend(Strategy strategy, LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
        LockStrategy lockStrategy = new LockStrategy(cell);
        this.lock = lockStrategy;
        this.configured = switch (strategy) {
            case ATOMIC -> new AtomicStrategy(cell);
            case LOCK -> lockStrategy;
            case QUEUE -> new QueueStrategy(cell);
        };
    }

    public MemoryBackend(Strategy strategy) {
        this(strategy, () -> System.currentTimeMillis() / 1000);
    }

    @Override
    public BackendType type() {
        return BackendType.MEMORY;
    }

    @Override
    public CompletableFuture<Increment> incrementForStatus() {
        return withTime(configured.add(1));
    }

    @Override
    public CompletableFuture<Increment> incrementForStatusV2() {
        return withTime(lock.add(1));
    }

    /** The time is read once the increment has its value, so it is the time of that increment. */
    private CompletableFuture<Increment> withTime(CompletableFuture<Long> value) {
        return value.thenApply(v -> new Increment(v, epochSeconds.getAsLong()));
    }

    @Override
    public CompletableFuture<Long> incrementBy(long by) {
        return configured.add(by);
    }

    @Override
    public CompletableFuture<Long> fetch() {
        return CompletableFuture.completedFuture(cell.get());
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciCurrent() {
        return CompletableFuture.completedFuture(fibonacci.get().current());
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciNext() {
        return CompletableFuture.completedFuture(fibonacci.updateAndGet(FibonacciPair::advance).current());
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciPrevious() {
        return CompletableFuture.completedFuture(fibonacci.get().previous());
    }

    @Override
    public CompletableFuture<String> describeHealth() {
        return HEALTH;
    }

    @Override
    public CompletableFuture<Void> checkReady() {
        return READY;
    }

    @Override
    public long lastObservedValue() {
        return cell.get();
    }

    @Override
    public void close() {
        configured.close();
    }
}
