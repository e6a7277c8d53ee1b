package dev.counter.app.backend.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The one shared connection (thread-safe, pipelined by Lettuce itself: no pool). The first connect
 * may fail because Redis is down at start: then requests fail fast and a new attempt is made at
 * most every {@link #RETRY_AFTER}, so the service recovers without a restart. Once connected,
 * Lettuce's auto-reconnect takes over.
 */
final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisConnector.class.getName());
    static final Duration RETRY_AFTER = Duration.ofMillis(500);

    private final RedisClient client;
    private final RedisURI uri;
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;
    private volatile long lastAttemptNanos;

    RedisConnector(RedisClient client, RedisURI uri) {
        this.client = client;
        this.uri = uri;
        this.connection = connect();
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> connect() {
        lastAttemptNanos = System.nanoTime();
        return client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture().whenComplete((c, e) -> {
            if (e != null) {
                LOG.warning("redis: cannot connect to " + uri.getHost() + ":" + uri.getPort() + ": " + e.getMessage());
            } else {
                LOG.info("redis: connected to " + uri.getHost() + ":" + uri.getPort());
            }
        });
    }

    /**
     * Runs {@code op} on the shared connection's commands, or fails while there is no connection.
     * Once connected, {@code op} runs directly: no extra stage per command on the hot path.
     */
    <T> CompletableFuture<T> run(Function<RedisAsyncCommands<String, String>, CompletableFuture<T>> op) {
        CompletableFuture<StatefulRedisConnection<String, String>> c = connection;
        if (c.isDone() && !c.isCompletedExceptionally()) {
            try {
                return op.apply(c.join().async());
            } catch (RuntimeException e) {
                // a command refused while disconnected must become a failed call, like the others
                return CompletableFuture.failedFuture(e);
            }
        }
        return commands().thenCompose(op);
    }

    /** The commands of the shared connection, or a failed future while there is none. */
    private CompletableFuture<RedisAsyncCommands<String, String>> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> c = connection;
        if (c.isCompletedExceptionally() && System.nanoTime() - lastAttemptNanos > RETRY_AFTER.toNanos()) {
            synchronized (this) {
                if (connection == c) {
                    connection = connect();
                }
                c = connection;
            }
        }
        return c.thenApply(StatefulRedisConnection::async);
    }

    @Override
    public void close() {
        connection.thenAccept(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
