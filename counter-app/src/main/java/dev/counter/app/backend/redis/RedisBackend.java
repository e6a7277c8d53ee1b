package dev.counter.app.backend.redis;

import dev.counter.app.backend.Batcher;
import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.Failures;
import dev.counter.app.backend.FibonacciPair;
import dev.counter.app.backend.Increment;
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
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.Function;

/**
 * The counter in Redis, shared by every replica. {@code /status} is one Lua script (increment,
 * record the time, return both) in one round trip; concurrent {@code /status} requests of this
 * process join one call ({@link Batcher}: group commit, a lone request never waits), which takes
 * most of the per-request cost off Redis and off the connection's event loop. Keys share a hash
 * tag derived from the counter key, so every script touches one Redis Cluster slot.
 */
public final class RedisBackend implements CounterBackend {
    private static final RedisScript STATUS = RedisScript.load("status.lua");
    private static final RedisScript FIBONACCI_NEXT = RedisScript.load("fibonacci_next.lua");

    private final RedisConnector connector;
    private final long timeoutMillis;
    private final String valueKey;
    private final String changedKey;
    private final String fibonacciKey;
    private final LongAccumulator lastValue = new LongAccumulator(Math::max, -1);
    private final ExecutorService rounds;
    private final Batcher<CompletableFuture<Increment>> statusBatches;
    private final LongAdder statusCalls = new LongAdder();
    private final LongAdder statusRequests = new LongAdder();

    /** The most /status requests one script call serves. */
    static final int MAX_BATCH = 1024;

    public RedisBackend(URI url, String counterKey, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected instead of queueing: a queued increment could
                // run long after its request was answered 503.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
        this.connector = new RedisConnector(client, uri);
        this.timeoutMillis = timeout.toMillis();
        String tag = "{" + counterKey + "}";
        this.valueKey = tag + ":value";
        this.changedKey = tag + ":changed";
        this.fibonacciKey = tag + ":fib";
        this.rounds = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "redis-status-batches");
            t.setDaemon(true);
            return t;
        });
        this.statusBatches = new Batcher<>(MAX_BATCH, rounds, this::commitStatus);
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
        return Failures.classified("redis", connector.run(op), timeoutMillis, RedisBackend::isOutage);
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

    @Override
    public CompletableFuture<Increment> incrementForStatus() {
        CompletableFuture<Increment> result = new CompletableFuture<>();
        statusBatches.submit(result);
        return result;
    }

    /** One script call for the whole batch: INCRBY its size, then each request gets its own value. */
    private CompletableFuture<Void> commitStatus(List<CompletableFuture<Increment>> batch) {
        int size = batch.size();
        return call(redis -> RedisBackend.<List<Long>>eval(redis, STATUS, ScriptOutputType.MULTI,
                        new String[] {valueKey, changedKey}, Integer.toString(size)))
                .handle((reply, error) -> {
                    if (error != null) {
                        batch.forEach(r -> r.completeExceptionally(error));
                        return null;
                    }
                    statusCalls.increment();
                    statusRequests.add(size);
                    long first = reply.get(0) - size + 1;
                    for (int i = 0; i < size; i++) {
                        batch.get(i).complete(observed(new Increment(first + i, reply.get(1))));
                    }
                    return null;
                });
    }

    /** Redis has no mutex variant: the script is already atomic. */
    @Override
    public CompletableFuture<Increment> incrementForStatusV2() {
        return incrementForStatus();
    }

    private Increment observed(Increment increment) {
        lastValue.accumulate(increment.value());
        return increment;
    }

    @Override
    public CompletableFuture<Long> incrementBy(long by) {
        return call(redis -> redis.incrby(valueKey, by).toCompletableFuture()).thenApply(this::observed);
    }

    private long observed(long value) {
        lastValue.accumulate(value);
        return value;
    }

    @Override
    public CompletableFuture<Long> fetch() {
        return call(redis -> redis.get(valueKey).toCompletableFuture())
                .thenApply(v -> observed(v == null ? 0 : Long.parseLong(v)));
    }

    private CompletableFuture<FibonacciPair> fibonacci() {
        return call(redis -> redis.hmget(fibonacciKey, "current", "next").toCompletableFuture())
                .thenApply(fields -> new FibonacciPair(number(fields.get(0), BigInteger.ZERO),
                        number(fields.get(1), BigInteger.ONE)));
    }

    private static BigInteger number(KeyValue<String, String> field, BigInteger absent) {
        return field.hasValue() ? new BigInteger(field.getValue()) : absent;
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciCurrent() {
        return fibonacci().thenApply(FibonacciPair::current);
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciNext() {
        return call(redis -> RedisBackend.<String>eval(redis, FIBONACCI_NEXT, ScriptOutputType.VALUE,
                        new String[] {fibonacciKey}))
                .thenApply(BigInteger::new);
    }

    @Override
    public CompletableFuture<BigInteger> fibonacciPrevious() {
        return fibonacci().thenApply(FibonacciPair::previous);
    }

    @Override
    public CompletableFuture<String> describeHealth() {
        return checkReady().thenApply(ok -> "backend redis: ok");
    }

    @Override
    public CompletableFuture<Void> checkReady() {
        return call(redis -> redis.ping().toCompletableFuture()).thenApply(pong -> null);
    }

    @Override
    public long lastObservedValue() {
        return lastValue.get();
    }

    @Override
    public void renderMetrics(StringBuilder out) {
        out.append("# HELP counter_redis_status_calls_total Status script calls; requests divided by calls is the"
                        + " mean batch size.\n")
                .append("# TYPE counter_redis_status_calls_total counter\n")
                .append("counter_redis_status_calls_total ").append(statusCalls.sum()).append('\n')
                .append("# HELP counter_redis_status_requests_total Status requests served by script calls.\n")
                .append("# TYPE counter_redis_status_requests_total counter\n")
                .append("counter_redis_status_requests_total ").append(statusRequests.sum()).append('\n');
    }

    @Override
    public void close() {
        connector.close();
        rounds.shutdownNow();
    }
}
