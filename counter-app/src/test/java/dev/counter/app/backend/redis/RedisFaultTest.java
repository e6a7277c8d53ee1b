package dev.counter.app.backend.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.StoreFaultContract;
import dev.counter.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;

/** The fault contract against a real redis-server with an append-only file. */
class RedisFaultTest extends StoreFaultContract {
    private RedisServer redis;

    @Override
    protected String backendId() {
        return "redis";
    }

    @Override
    protected void startStore() {
        redis = RedisServer.startPersistent();
    }

    @Override
    protected String targetVia(int port) {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    protected int storePort() {
        return redis.port();
    }

    @Override
    protected CounterBackend backend(String target, String key, Duration timeout) {
        return new RedisBackend(URI.create(target), key, timeout);
    }

    @Override
    protected void pauseStore() {
        redis.pause();
    }

    @Override
    protected void resumeStore() {
        redis.resume();
    }

    @Override
    protected void killStore() {
        redis.kill();
    }

    @Override
    protected void restartStore() {
        redis.startProcess();
    }

    @Override
    protected void stopStore() {
        if (redis != null) {
            redis.close();
        }
    }

    private static String valueKey(String key) {
        return "{" + key + "}:value";
    }

    @Override
    protected void poison(String key) {
        assertEquals("+OK", redis.command("SET", valueKey(key), "garbage"));
    }

    @Override
    protected void setCounter(String key, long value) {
        assertEquals("+OK", redis.command("SET", valueKey(key), Long.toString(value)));
    }

    /** The real thing: the server comes back without its data. */
    @Override
    protected void loseCounter(String key) {
        redis.restartEmpty();
    }

    /** The README's recovery step: {@code SET {key}:value N}, then {@code DEL {key}:lost}. */
    @Override
    protected void resumeAt(String key, long value) {
        setCounter(key, value);
        redis.command("DEL", "{" + key + "}:lost");
    }
}
