package dev.counter.app.config;

import java.util.Locale;

/**
 * How +1 increments reach etcd (see the etcd backend's EtcdCounter); {@code by=N} always goes through the
 * combined compare-and-swap.
 */
public enum IncrementRoute {
    /** Requests waiting in this process are combined into one compare-and-swap transaction. */
    COMBINE,
    /** Every +1 is its own conflict-free transaction that bumps the tick key's version. */
    VERSION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
