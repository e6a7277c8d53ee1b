package dev.counter.app.backend.etcd;

import io.etcd.jetcd.Client;
import io.grpc.ManagedChannel;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Makes the etcd client try to connect again at once, while calls are failing. gRPC backs off
 * between connection attempts up to 120 s, so after a 30 s outage service would return some 10 s
 * after etcd; jetcd exposes neither the channel nor its backoff settings. Resetting the channel's
 * backoff (a public gRPC call) on failed calls, at most every {@link #EVERY_MILLIS}, brings service
 * back within a fraction of a second. The channel is reached by reflection into jetcd 0.8's
 * client; if a later jetcd moves it, this logs once and does nothing, and only recovery is slower.
 */
final class ReconnectNudger {
    private static final Logger LOG = Logger.getLogger(ReconnectNudger.class.getName());
    static final long EVERY_MILLIS = 200;

    private final ManagedChannel channel;
    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime());

    ReconnectNudger(Client client) {
        this.channel = channelOf(client);
    }

    private static ManagedChannel channelOf(Client client) {
        try {
            Field manager = client.getClass().getDeclaredField("connectionManager");
            manager.setAccessible(true);
            Object connections = manager.get(client);
            Method getChannel = connections.getClass().getDeclaredMethod("getChannel");
            getChannel.setAccessible(true);
            return (ManagedChannel) getChannel.invoke(connections);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("etcd: cannot reach the client's channel (" + e + "); reconnects follow gRPC's backoff");
            return null;
        }
    }

    /** A call failed as an outage: let the next one connect afresh instead of waiting out a backoff. */
    void callFailed() {
        long last = lastNanos.get();
        long now = System.nanoTime();
        if (channel != null && now - last > TimeUnit.MILLISECONDS.toNanos(EVERY_MILLIS)
                && lastNanos.compareAndSet(last, now)) {
            channel.resetConnectBackoff();
        }
    }
}
