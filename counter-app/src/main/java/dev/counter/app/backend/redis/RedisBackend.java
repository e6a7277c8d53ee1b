package dev.counter.app.backend.redis;

import dev.counter.app.backend.Batcher;
import dev.counter.app.backend.BatcherMetrics;
import dev.counter.app.backend.StoreHealth;
import dev.counter.app.backend.StoreStateException;
import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.Decimal;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.FibonacciPair;
import dev.counter.app.backend.Increment;
import dev.counter.app.backend.PendingIncrement;
import dev.counter.app.config.BackendType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import reactor.core.Disposable;

/**
 * The counter in Redis, shared by every replica. Every counter operation is one Lua script
 * ({@code counter.lua}: add, record the time, return both) in one round trip, guarded so that a
 * Redis that lost or rolled back the counter is refused rather than counted again from an old
 * value. Concurrent increments of this process — {@code /status} and {@code /increment?by=N}
 * alike — join one call ({@link Batcher}: group commit, a lone request never waits, every request
 * answered by its deadline), which takes most of the per-request cost off Redis and off the
 * connection's event loop and keeps at most one batch of writes on the wire. Keys share a hash
 * tag derived from the counter key, so every script touches one Redis Cluster slot.
 */
public final class RedisBackend implements CounterBackend {
    private static final RedisScript COUNTER = RedisScript.load("counter.lua");
    private static final RedisScript FIBONACCI_NEXT = RedisScript.load("fibonacci_next.lua");

    /** The most increments one script call serves. */
    static final int MAX_BATCH = 1024;
    /** Increments that may wait for a batch; beyond it they are refused at once. */
    static final int MAX_QUEUED = 8 * MAX_BATCH;
    /**
     * Lettuce reconnects with this backoff, capped so that service returns within about a second
     * of Redis coming back (its default grows to 30 s).
     */
    static final Delay RECONNECT_DELAY =
            Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS);

    private final RedisConnector connector;
    private final ClientResources resources;
    private final long timeoutNanos;
    private final String[] counterKeys;
    private final String fibonacciKey;
    /** The highest value this process has handed out or read: what Redis must never go below. */
    private final LongAccumulator seen = new LongAccumulator(Math::max, 0);
    private final AtomicLong lastValue = new AtomicLong(-1);
    private final String token = Long.toHexString(new SecureRandom().nextLong());
    private volatile String epoch = "";
    private final StoreHealth health = new StoreHealth();
    private final ScheduledExecutorService rounds;
    private final Batcher<PendingIncrement> increments;
    private final LongAdder calls = new LongAdder();
    private final LongAdder batched = new LongAdder();
    /** Connections Lettuce made active: the first connect, then every reconnect. */
    private final AtomicLong activations = new AtomicLong();
    private final Disposable activationEvents;

    public RedisBackend(URI url, String counterKey, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.resources = DefaultClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected instead of queueing: a queued increment could
                // run long after its request was answered 503.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
        this.connector = new RedisConnector(client, uri);
        this.timeoutNanos = timeout.toNanos();
        String tag = "{" + counterKey + "}";
        this.counterKeys = new String[] {tag + ":value", tag + ":changed", tag + ":epoch", tag + ":lost"};
        this.fibonacciKey = tag + ":fib";
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-increment-batches");
            t.setDaemon(true);
            return t;
        });
        this.increments = new Batcher<>("increments", MAX_BATCH, MAX_QUEUED, rounds, this::commit);
        this.activationEvents = resources.eventBus().get()
                .filter(ConnectionActivatedEvent.class::isInstance)
                .subscribe(event -> activations.incrementAndGet());
    }

    @Override
    public BackendType type() {
        return BackendType.REDIS;
    }

    /**
     * Runs {@code op} on the shared connection; outages become 503s. The deadline is Lettuce's own
     * command timeout (TimeoutOptions) and, while connecting, its connect timeout.
     */
    private <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, String>, CompletableFuture<T>> op) {
        return Failures.classified("redis", connector.run(op), timeoutNanos / 1_000_000, RedisBackend::isOutage)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(stateError(Failures.unwrap(error))));
    }

    /**
     * Everything but an error reply is an outage (connection refused or lost, timeouts, commands
     * rejected while disconnected). Among error replies, only those that mean "not serving right
     * now" are: a wrong type or corrupt value is a real error, not a reason to retry elsewhere.
     */
    static boolean isOutage(Throwable t) {
        if (!(t instanceof RedisCommandExecutionException)) {
            return true;
        }
        String message = String.valueOf(t.getMessage());
        return t instanceof RedisLoadingException || t instanceof RedisBusyException
                || message.startsWith("READONLY") || message.startsWith("MASTERDOWN")
                || message.startsWith("NOAUTH") || message.startsWith("WRONGPASS") || message.startsWith("TRYAGAIN");
    }

    /** The script's refusals, and values Redis itself cannot use, as the store-state errors they are. */
    private static Throwable stateError(Throwable t) {
        if (!(t instanceof RedisCommandExecutionException)) {
            return t;
        }
        String message = String.valueOf(t.getMessage());
        if (message.startsWith("COUNTER_LOST ")) {
            return new StoreStateException(StoreStateException.Kind.LOST, message.substring(13));
        }
        if (message.startsWith("COUNTER_UNUSABLE ")) {
            return new StoreStateException(StoreStateException.Kind.UNUSABLE, message.substring(17));
        }
        if (message.startsWith("WRONGTYPE") || message.contains("not an integer")) {
            return new StoreStateException(StoreStateException.Kind.UNUSABLE, message);
        }
        return t;
    }

    /**
     * {@code EVALSHA}, and after a Redis restart (which empties the script cache) {@code EVAL} once,
     * which loads the script again for the next {@code EVALSHA}.
     */
    private static <T> CompletableFuture<T> eval(RedisAsyncCommands<String, String> redis, RedisScript script,
            ScriptOutputType type, String[] keys, String... args) {
        CompletableFuture<T> bySha = redis.<T>evalsha(script.sha(), type, keys, args).toCompletableFuture();
        return bySha.exceptionallyCompose(error -> Failures.unwrap(error) instanceof RedisNoScriptException
                ? redis.<T>eval(script.source(), type, keys, args).toCompletableFuture()
                : CompletableFuture.failedFuture(error));
    }

    /** One guarded counter script call: {value, lastChanged} after adding {@code by} (0 reads). */
    private CompletableFuture<Increment> counter(long by) {
        return health.watch(call(redis -> RedisBackend.<List<Object>>eval(redis, COUNTER, ScriptOutputType.MULTI,
                        counterKeys, Long.toString(by), epoch, Long.toString(seen.get()), token))
                .thenApply(reply -> {
                    String replied = (String) reply.get(2);
                    if (!replied.isEmpty()) {
                        epoch = replied;
                    }
                    return new Increment((Long) reply.get(0), (Long) reply.get(1));
                }));
    }

    private PendingIncrement enqueue(long by) {
        PendingIncrement add = new PendingIncrement(by, System.nanoTime() + timeoutNanos);
        increments.submit(add);
        return add;
    }

    @Override
    public CompletableFuture<Increment> incrementForStatus() {
        return enqueue(1).result();
    }

    /** One script call for the whole batch: add its total, then each request gets its own values. */
    private CompletableFuture<Void> commit(List<PendingIncrement> batch) {
        long total = 0;
        for (PendingIncrement a : batch) {
            total += a.by();
        }
        long sum = total;
        return counter(sum).thenAccept(after -> {
            calls.increment();
            batched.add(batch.size());
            long value = after.value() - sum;
            for (PendingIncrement a : batch) {
                value += a.by();
                a.complete(observed(new Increment(value, after.changedEpochSecond())));
            }
        });
    }

    /** Redis has no mutex variant: the script is already atomic. */
    @Override
    public CompletableFuture<Increment> incrementForStatusV2() {
        return incrementForStatus();
    }

    private Increment observed(Increment increment) {
        seen.accumulate(increment.value());
        lastValue.set(increment.value());
        return increment;
    }

    @Override
    public CompletableFuture<Long> incrementBy(long by) {
        return enqueue(by).result().thenApply(Increment::value);
    }

    @Override
    public CompletableFuture<Long> fetch() {
        return counter(0).thenApply(i -> observed(i).value());
    }

    private CompletableFuture<FibonacciPair> fibonacci() {
        return call(redis -> redis.hmget(fibonacciKey, "current", "next").toCompletableFuture())
                .thenApply(fields -> new FibonacciPair(number(fields.get(0), BigInteger.ZERO),
                        number(fields.get(1), BigInteger.ONE)));
    }

    private static BigInteger number(KeyValue<String, String> field, BigInteger absent) {
        return field.hasValue() ? Decimal.parse(field.getValue()) : absent;
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciCurrent() {
        return fibonacci().thenApply(FibonacciPair::current);
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciNext() {
        return call(redis -> RedisBackend.<String>eval(redis, FIBONACCI_NEXT, ScriptOutputType.VALUE,
                        new String[] {fibonacciKey}))
                .thenApply(Decimal::parse);
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciPrevious() {
        return fibonacci().thenApply(FibonacciPair::previous);
    }

    @Override
    public CompletableFuture<String> describeHealth() {
        return checkReady().thenApply(ok -> "backend redis: ok");
    }

    /** Reachable, and its counter usable and not behind what this process has seen. */
    @Override
    public CompletableFuture<Void> checkReady() {
        return counter(0).thenApply(i -> null);
    }

    @Override
    public long highWaterMark() {
        return seen.get();
    }

    @Override
    public long lastObservedValue() {
        return lastValue.get();
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder("counter.redis.status.calls", calls, LongAdder::sum)
                .description("Counter script calls for increments; requests divided by calls is the mean batch size.")
                .register(registry);
        FunctionCounter.builder("counter.redis.status.requests", batched, LongAdder::sum)
                .description("Increment requests served by script calls.")
                .register(registry);
        FunctionCounter.builder("counter.store.reconnects", activations, a -> Math.max(0, a.get() - 1))
                .description("Reconnections to the store after the first connection.")
                .register(registry);
        BatcherMetrics.bind(registry, List.of(increments));
        health.bind(registry);
    }

    @Override
    public void close() {
        activationEvents.dispose();
        connector.close();
        rounds.shutdownNow();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
