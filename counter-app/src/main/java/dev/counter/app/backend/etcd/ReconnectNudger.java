package dev.counter.app.backend.etcd;

import io.etcd.jetcd.Client;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Makes the etcd client try to connect again at once, while calls are failing. gRPC backs off
 * between connection attempts up to 120 s, so after a 30 s outage service would return some 10 s
 * after etcd; jetcd exposes neither the channel nor its backoff settings. Resetting the channel's
 * backoff (a public gRPC call) on failed calls, at most every {@link #EVERY_MILLIS}, brings service
 * back within a fraction of a second. The channel is reached by reflection into jetcd 0.8's
 * client; if a later jetcd moves it, this logs once and does nothing, and only recovery is slower.
 *
 * <p>The same channel tells when a connection comes back: every return to READY after the first is
 * one reconnection, for {@code counter_store_reconnects_total}.
 */
final class ReconnectNudger {
    private static final Logger LOG = Logger.getLogger(ReconnectNudger.class.getName());
    static final long EVERY_MILLIS = 200;

    private final ManagedChannel channel;
    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicBoolean everReady = new AtomicBoolean();
    private final boolean counting;

    ReconnectNudger(Client client) {
        this.channel = channelOf(client);
        this.counting = channel != null && watch();
    }

    /** Starts following the channel's state; false when this channel cannot report it. */
    private boolean watch() {
        try {
            follow(channel.getState(false));
            return true;
        } catch (UnsupportedOperationException e) {
            LOG.warning("etcd: the client's channel does not report its state; reconnects are not counted");
            return false;
        }
    }

    private void follow(ConnectivityState seen) {
        channel.notifyWhenStateChanged(seen, () -> {
            ConnectivityState now = channel.getState(false);
            if (now == ConnectivityState.READY && everReady.getAndSet(true)) {
                reconnects.incrementAndGet();
            }
            if (now != ConnectivityState.SHUTDOWN) {
                follow(now);
            }
        });
    }

    /** Whether {@link #reconnects()} counts: the channel was reached and reports its state. */
    boolean countsReconnects() {
        return counting;
    }

    /** Returns to a READY connection after the first one. */
    long reconnects() {
        return reconnects.get();
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
