package dev.counter.testkit;

/**
 * One redis-server and one single-member etcd per test JVM, started on first use and stopped when
 * the JVM exits. Tests that share them isolate themselves by using their own keys; tests that kill
 * or restart a store start their own instead.
 */
public final class SharedStores {
    private static RedisServer redis;
    private static EtcdCluster etcd;

    private SharedStores() {
    }

    public static synchronized RedisServer redis() {
        if (redis == null) {
            redis = RedisServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "stop-shared-redis"));
        }
        return redis;
    }

    public static synchronized EtcdCluster etcd() {
        if (etcd == null) {
            etcd = EtcdCluster.start(1);
            Runtime.getRuntime().addShutdownHook(new Thread(etcd::close, "stop-shared-etcd"));
        }
        return etcd;
    }
}
