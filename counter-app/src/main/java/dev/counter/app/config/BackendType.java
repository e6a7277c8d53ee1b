package dev.counter.app.config;

import java.util.Locale;

/** Where the counter lives. */
public enum BackendType {
    MEMORY, REDIS, ETCD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
