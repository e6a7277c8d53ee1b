package dev.counter.app.backend;

import dev.counter.app.backend.etcd.EtcdBackend;
import dev.counter.app.backend.memory.MemoryBackend;
import dev.counter.app.backend.redis.RedisBackend;
import dev.counter.app.config.AppConfig;
import dev.counter.app.config.BackendSettings;

/** Builds the configured backend. None of them needs its store to be up yet. */
public final class Backends {
    private Backends() {
    }

    public static CounterBackend create(AppConfig config) {
        BackendSettings s = config.backendSettings();
        return switch (config.backend()) {
            case MEMORY -> new MemoryBackend(config.strategy());
            case REDIS -> new RedisBackend(s.redisUrl(), config.counterKey(), s.timeout());
            case ETCD -> new EtcdBackend(s.etcdEndpoints(), s.etcdTls(), config.counterKey(), s.timeout(), s.etcdIncrement());
        };
    }
}
