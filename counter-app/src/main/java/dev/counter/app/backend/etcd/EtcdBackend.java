package dev.counter.app.backend.etcd;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.BatcherMetrics;
import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.StoreHealth;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.FibonacciPair;
import dev.counter.app.backend.Increment;
import dev.counter.app.config.BackendType;
import dev.counter.app.config.EtcdTlsFiles;
import dev.counter.app.config.IncrementRoute;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The counter in etcd, shared by every replica, updated lock-free ({@link EtcdCounter}); the
 * Fibonacci state by combined compare-and-swap ({@link CasCombiner}). Reads are linearizable.
 */
public final class EtcdBackend implements CounterBackend {
    /**
     * Fibonacci steps combined into one commit: large enough to absorb thousands of waiting
     * requests, small enough for one message. (The counter's batches are bounded by its tick keys.)
     */
    static final int FIBONACCI_MAX_BATCH = 4096;

    private final Client client;
    private final KV kv;
    private final ReconnectNudger reconnects;
    private final long timeoutMillis;
    private final ByteSequence fibonacciKey;
    private final EtcdCounter counter;
    private final CasCombiner<FibonacciPair> fibonacci;
    private final ScheduledExecutorService rounds;
    private final AtomicLong lastValue = new AtomicLong(-1);
    private final StoreHealth health = new StoreHealth();

    public EtcdBackend(List<URI> endpoints, String counterKey, Duration timeout, IncrementRoute route,
            LongSupplier epochSeconds) {
        this(endpoints, Optional.empty(), counterKey, timeout, route, epochSeconds);
    }

    /**
     * With {@code tls}, the {@code https} endpoints are verified against its CA and the first
     * endpoint's host name, which every member's certificate must carry (the operator's carry
     * a wildcard for all members).
     */
    public EtcdBackend(List<URI> endpoints, Optional<EtcdTlsFiles> tls, String counterKey, Duration timeout,
            IncrementRoute route, LongSupplier epochSeconds) {
        ClientBuilder builder = Client.builder();
        if (tls.isPresent()) {
            // jetcd names the channel after its authority, empty by default, and TLS checks the
            // members' certificates against that name; it must be set before the endpoints.
            builder.sslContext(EtcdSsl.context(tls.get())).authority(endpoints.get(0).getHost());
        }
        this.client = builder
                .endpoints(endpoints.toArray(URI[]::new))
                .connectTimeout(timeout)
                // Fail fast while no member is reachable instead of parking calls until one is.
                .waitForReady(false)
                // Only idempotent reads are ever retried by jetcd (puts and txns keep autoRetry off);
                // bound those retries by the same deadline. jetcd refuses a retry duration that is
                // not longer than its retry delay (500 ms by default), so short deadlines get a
                // proportionally short delay.
                .retryDelay(retryDelayMillis(timeout))
                .retryMaxDelay(Math.max(retryDelayMillis(timeout), timeout.toMillis() / 2))
                .retryChronoUnit(ChronoUnit.MILLIS)
                .retryMaxDuration(timeout)
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(timeout)
                .build();
        this.kv = client.getKVClient();
        this.reconnects = new ReconnectNudger(client);
        this.timeoutMillis = timeout.toMillis();
        this.fibonacciKey = bytes(counterKey + "/fib");
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etcd-cas-rounds");
            t.setDaemon(true);
            return t;
        });
        this.counter = new EtcdCounter(kv, counterKey, route, timeoutMillis, epochSeconds, rounds);
        this.fibonacci = new CasCombiner<>("fibonacci", kv, fibonacciKey, Codecs.FIBONACCI, timeoutMillis,
                FIBONACCI_MAX_BATCH, 2 * FIBONACCI_MAX_BATCH, rounds);
        // Opens the gRPC channel now, in the background: the first call in a cold JVM loads and
        // connects for longer than a request's deadline. Its outcome does not matter.
        checkReady();
    }

    /** A quarter of the deadline, between 1 and 100 ms: several retries fit in any deadline. */
    static long retryDelayMillis(Duration timeout) {
        return Math.max(1, Math.min(100, timeout.toMillis() / 4));
    }

    public EtcdBackend(List<URI> endpoints, String counterKey, Duration timeout, IncrementRoute route) {
        this(endpoints, counterKey, timeout, route, () -> System.currentTimeMillis() / 1000);
    }

    public EtcdBackend(List<URI> endpoints, Optional<EtcdTlsFiles> tls, String counterKey, Duration timeout,
            IncrementRoute route) {
        this(endpoints, tls, counterKey, timeout, route, () -> System.currentTimeMillis() / 1000);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Override
    public BackendType type() {
        return BackendType.ETCD;
    }

    /**
     * Every etcd client failure is an outage; a value this service cannot use, or a counter etcd
     * lost, is the store-state error it already is.
     */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> call) {
        return nudged(Failures.bounded("etcd", call, timeoutMillis, error -> true));
    }

    /**
     * A batched call: its batcher answers it by its deadline and counts how it ended, so no second
     * timer may complete it first.
     */
    private <T> CompletableFuture<T> batched(CompletableFuture<T> call) {
        return nudged(Failures.classified("etcd", call, timeoutMillis, error -> true));
    }

    private <T> CompletableFuture<T> nudged(CompletableFuture<T> call) {
        return call.whenComplete((v, error) -> {
            if (error != null && Failures.unwrap(error) instanceof BackendUnavailableException) {
                reconnects.callFailed();
            }
        });
    }

    @Override
    public CompletableFuture<Increment> incrementForStatus() {
        return health.watch(batched(counter.add(1))).thenApply(this::observed);
    }

    /** No mutex variant: the compare-and-swap is already atomic. */
    @Override
    public CompletableFuture<Increment> incrementForStatusV2() {
        return incrementForStatus();
    }

    @Override
    public CompletableFuture<Long> incrementBy(long by) {
        return health.watch(batched(counter.add(by))).thenApply(i -> observed(i).value());
    }

    private Increment observed(Increment increment) {
        lastValue.set(increment.value());
        return increment;
    }

    @Override
    public CompletableFuture<Long> fetch() {
        return health.watch(bounded(counter.read())).thenApply(value -> {
            lastValue.set(value);
            return value;
        });
    }

    private CompletableFuture<FibonacciPair> readFibonacci() {
        return bounded(kv.get(fibonacciKey)).thenApply(r -> Values.state(r, Codecs.FIBONACCI));
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciCurrent() {
        return readFibonacci().thenApply(FibonacciPair::current);
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciNext() {
        return batched(fibonacci.submit(FibonacciPair::advance)).thenApply(FibonacciPair::current);
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciPrevious() {
        return readFibonacci().thenApply(FibonacciPair::previous);
    }

    /** The etcd seed's words, from the member list. */
    @Override
    public CompletableFuture<String> describeHealth() {
        return bounded(client.getClusterClient().listMember())
                .thenApply(r -> "etcd members = " + r.getMembers().size());
    }

    /**
     * The counter read as {@code /fetch} reads it: a linearizable read needs a quorum, exactly what
     * serving increments needs, and the guard judges whether the counter can be served.
     */
    @Override
    public CompletableFuture<Void> checkReady() {
        return health.watch(bounded(counter.read())).thenApply(r -> null);
    }

    @Override
    public long highWaterMark() {
        return counter.highWaterMark();
    }

    @Override
    public long lastObservedValue() {
        return lastValue.get();
    }

    /**
     * Micrometer holds a function counter's object weakly: each counts from a field of this
     * backend, never from a method reference that nothing else would keep.
     */
    @Override
    public void bindMetrics(MeterRegistry registry) {
        counter(registry, "counter.etcd.commits", "Counter transactions committed.", counter, EtcdCounter::commits);
        counter(registry, "counter.etcd.committed.steps",
                "Increments served by committed transactions; divided by commits, the mean batch size.",
                counter, EtcdCounter::committedSteps);
        counter(registry, "counter.etcd.conflicts",
                "Compare-and-swap transactions that lost to another writer and were tried again.",
                counter, EtcdCounter::conflicts);
        counter(registry, "counter.etcd.fibonacci.commits", "Fibonacci transactions committed.",
                fibonacci, CasCombiner::commits);
        if (reconnects.countsReconnects()) {
            counter(registry, "counter.store.reconnects", "Reconnections to the store after the first connection.",
                    reconnects, ReconnectNudger::reconnects);
        }
        BatcherMetrics.bind(registry, List.of(counter.batcher(), fibonacci.batcher()));
        health.bind(registry);
    }

    private static <T> void counter(MeterRegistry registry, String name, String help, T source,
            ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(help).register(registry);
    }

    @Override
    public void close() {
        client.close();
        rounds.shutdownNow();
    }
}
