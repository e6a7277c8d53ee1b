package dev.counter.app.backend.etcd;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.FibonacciPair;
import dev.counter.app.backend.Increment;
import dev.counter.app.config.BackendType;
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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongSupplier;

/**
 * The counter in etcd, shared by every replica, updated lock-free by combined compare-and-swap
 * transactions ({@link CasCombiner}). Reads are linearizable gets.
 */
public final class EtcdBackend implements CounterBackend {
    /** Large enough to absorb thousands of waiting requests in one commit, small enough for one message. */
    static final int MAX_BATCH = 4096;

    private final Client client;
    private final KV kv;
    private final long timeoutMillis;
    private final ByteSequence valueKey;
    private final ByteSequence fibonacciKey;
    private final CasCombiner<Long> counter;
    private final CasCombiner<FibonacciPair> fibonacci;
    private final ExecutorService rounds;
    private final LongAccumulator lastValue = new LongAccumulator(Math::max, -1);

    public EtcdBackend(List<URI> endpoints, String counterKey, Duration timeout, LongSupplier epochSeconds) {
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
        this.valueKey = bytes(counterKey + "/value");
        this.fibonacciKey = bytes(counterKey + "/fib");
        this.rounds = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "etcd-cas-rounds");
            t.setDaemon(true);
            return t;
        });
        this.counter = new CasCombiner<>("counter", kv, valueKey, bytes(counterKey + "/changed"), Codecs.COUNTER,
                timeoutMillis, MAX_BATCH, epochSeconds, rounds);
        this.fibonacci = new CasCombiner<>("fibonacci", kv, fibonacciKey, null, Codecs.FIBONACCI,
                timeoutMillis, MAX_BATCH, epochSeconds, rounds);
    }

    public EtcdBackend(List<URI> endpoints, String counterKey, Duration timeout) {
        this(endpoints, counterKey, timeout, () -> System.currentTimeMillis() / 1000);
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
        return bounded(counter.submit(v -> v + 1)).thenApply(c -> new Increment(observed(c.state()), c.epochSecond()));
    }

    /** No mutex variant: the compare-and-swap is already atomic. */
    @Override
    public CompletableFuture<Increment> incrementForStatusV2() {
        return incrementForStatus();
    }

    @Override
    public CompletableFuture<Long> incrementBy(long by) {
        return bounded(counter.submit(v -> v + by)).thenApply(c -> observed(c.state()));
    }

    private long observed(long value) {
        lastValue.accumulate(value);
        return value;
    }

    @Override
    public CompletableFuture<Long> fetch() {
        return bounded(kv.get(valueKey)).thenApply(r -> observed(decode(r, Codecs.COUNTER)));
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
        return bounded(fibonacci.submit(FibonacciPair::advance)).thenApply(c -> c.state().current());
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
        return bounded(kv.get(valueKey, GetOption.builder().withCountOnly(true).build())).thenApply(r -> null);
    }

    @Override
    public long lastObservedValue() {
        return lastValue.get();
    }

    @Override
    public void renderMetrics(StringBuilder out) {
        out.append("# HELP counter_etcd_commits_total Compare-and-swap transactions committed.\n")
                .append("# TYPE counter_etcd_commits_total counter\n");
        out.append(String.format(Locale.ROOT, "counter_etcd_commits_total{state=\"counter\"} %d%n", counter.commits()));
        out.append(String.format(Locale.ROOT, "counter_etcd_commits_total{state=\"fibonacci\"} %d%n", fibonacci.commits()));
        out.append("# HELP counter_etcd_committed_steps_total Requests served by committed transactions;"
                + " divided by commits, the mean batch size.\n")
                .append("# TYPE counter_etcd_committed_steps_total counter\n");
        out.append(String.format(Locale.ROOT, "counter_etcd_committed_steps_total{state=\"counter\"} %d%n",
                counter.committedSteps()));
        out.append(String.format(Locale.ROOT, "counter_etcd_committed_steps_total{state=\"fibonacci\"} %d%n",
                fibonacci.committedSteps()));
        out.append("# HELP counter_etcd_conflicts_total Transactions whose compare failed and were retried.\n")
                .append("# TYPE counter_etcd_conflicts_total counter\n");
        out.append(String.format(Locale.ROOT, "counter_etcd_conflicts_total{state=\"counter\"} %d%n", counter.conflicts()));
        out.append(String.format(Locale.ROOT, "counter_etcd_conflicts_total{state=\"fibonacci\"} %d%n",
                fibonacci.conflicts()));
    }

    @Override
    public void close() {
        client.close();
        rounds.shutdownNow();
    }
}
