package dev.counter.app.backend.etcd;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.FibonacciPair;
import dev.counter.app.backend.Increment;
import dev.counter.app.config.BackendType;
import dev.counter.app.config.IncrementRoute;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongSupplier;

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
    private final long timeoutMillis;
    private final ByteSequence fibonacciKey;
    private final EtcdCounter counter;
    private final CasCombiner<FibonacciPair> fibonacci;
    private final ExecutorService rounds;
    private final LongAccumulator lastValue = new LongAccumulator(Math::max, -1);

    public EtcdBackend(List<URI> endpoints, String counterKey, Duration timeout, IncrementRoute route,
            LongSupplier epochSeconds) {
        this.client = Client.builder()
                .endpoints(endpoints.toArray(URI[]::new))
                .connectTimeout(timeout)
                // Fail fast while no member is reachable instead of parking calls until one is.
                .waitForReady(false)
                // Only idempotent reads are ever retried by jetcd (puts and txns keep autoRetry off);
                // bound those retries by the same deadline.
                .retryMaxDuration(timeout)
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(timeout)
                .build();
        this.kv = client.getKVClient();
        this.timeoutMillis = timeout.toMillis();
        this.fibonacciKey = bytes(counterKey + "/fib");
        this.rounds = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "etcd-cas-rounds");
            t.setDaemon(true);
            return t;
        });
        this.counter = new EtcdCounter(kv, counterKey, route, timeoutMillis, epochSeconds, rounds);
        this.fibonacci = new CasCombiner<>("fibonacci", kv, fibonacciKey, Codecs.FIBONACCI, timeoutMillis,
                FIBONACCI_MAX_BATCH, rounds);
        // Opens the gRPC channel now, in the background: the first call in a cold JVM loads and
        // connects for longer than a request's deadline. Its outcome does not matter.
        checkReady();
    }

    public EtcdBackend(List<URI> endpoints, String counterKey, Duration timeout, IncrementRoute route) {
        this(endpoints, counterKey, timeout, route, () -> System.currentTimeMillis() / 1000);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Override
    public BackendType type() {
        return BackendType.ETCD;
    }

    /** Every etcd client failure is an outage: etcd holds no data this service cannot parse. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> call) {
        return Failures.bounded("etcd", call, timeoutMillis, error -> true);
    }

    @Override
    public CompletableFuture<Increment> incrementForStatus() {
        return bounded(counter.add(1)).thenApply(this::observed);
    }

    /** No mutex variant: the compare-and-swap is already atomic. */
    @Override
    public CompletableFuture<Increment> incrementForStatusV2() {
        return incrementForStatus();
    }

    @Override
    public CompletableFuture<Long> incrementBy(long by) {
        return bounded(counter.add(by)).thenApply(i -> observed(i).value());
    }

    private Increment observed(Increment increment) {
        lastValue.accumulate(increment.value());
        return increment;
    }

    private long observed(long value) {
        lastValue.accumulate(value);
        return value;
    }

    @Override
    public CompletableFuture<Long> fetch() {
        return bounded(counter.read()).thenApply(this::observed);
    }

    private static <S> S decode(GetResponse response, StateCodec<S> codec) {
        return response.getKvs().isEmpty() ? codec.absent() : codec.decode(response.getKvs().get(0).getValue());
    }

    private CompletableFuture<FibonacciPair> readFibonacci() {
        return bounded(kv.get(fibonacciKey)).thenApply(r -> decode(r, Codecs.FIBONACCI));
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciCurrent() {
        return readFibonacci().thenApply(FibonacciPair::current);
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciNext() {
        return bounded(fibonacci.submit(FibonacciPair::advance)).thenApply(FibonacciPair::current);
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

    /** A linearizable read needs a quorum: exactly what serving increments needs. */
    @Override
    public CompletableFuture<Void> checkReady() {
        return bounded(kv.get(counter.baseKey(), GetOption.builder().withCountOnly(true).build())).thenApply(r -> null);
    }

    @Override
    public long lastObservedValue() {
        return lastValue.get();
    }

    @Override
    public void renderMetrics(StringBuilder out) {
        out.append("# HELP counter_etcd_commits_total Counter transactions committed.\n")
                .append("# TYPE counter_etcd_commits_total counter\n")
                .append("counter_etcd_commits_total ").append(counter.commits()).append('\n')
                .append("# HELP counter_etcd_committed_steps_total Increments served by committed transactions;"
                        + " divided by commits, the mean batch size.\n")
                .append("# TYPE counter_etcd_committed_steps_total counter\n")
                .append("counter_etcd_committed_steps_total ").append(counter.committedSteps()).append('\n')
                .append("# HELP counter_etcd_conflicts_total Compare-and-swap transactions that lost to another writer"
                        + " and were tried again.\n")
                .append("# TYPE counter_etcd_conflicts_total counter\n")
                .append("counter_etcd_conflicts_total ").append(counter.conflicts()).append('\n')
                .append("# HELP counter_etcd_fibonacci_commits_total Fibonacci transactions committed.\n")
                .append("# TYPE counter_etcd_fibonacci_commits_total counter\n")
                .append("counter_etcd_fibonacci_commits_total ").append(fibonacci.commits()).append('\n');
    }

    @Override
    public void close() {
        client.close();
        rounds.shutdownNow();
    }
}
