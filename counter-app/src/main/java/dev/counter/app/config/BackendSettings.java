package dev.counter.app.config;

import dev.counter.urls.BackendUrls;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the shared backends are, parsed and checked at start so that a typo exits with status 2
 * instead of surfacing as an endless stream of 503s. The address rules live in {@link BackendUrls},
 * which the operator applies to CounterApp specs too.
 *
 * @param redisUrl the Redis URL; only checked when the backend is redis
 * @param etcdEndpoints the etcd client URLs; only checked when the backend is etcd
 * @param timeout the deadline of one backend call
 * @param etcdIncrement how +1 increments reach etcd
 * @param etcdTls the CA and client certificate for {@code https} endpoints; empty for {@code http}
 */
public record BackendSettings(URI redisUrl, List<URI> etcdEndpoints, Duration timeout, IncrementRoute etcdIncrement,
        Optional<EtcdTlsFiles> etcdTls) {

    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String DEFAULT_ETCD_ENDPOINTS = "http://127.0.0.1:2379";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Below this a deadline is shorter than one scheduling tick of a busy machine. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    /** Chosen by measurement: see the README's benchmark tables. */
    public static final IncrementRoute DEFAULT_ETCD_INCREMENT = IncrementRoute.COMBINE;

    static BackendSettings from(Env env, BackendType backend) {
        Duration timeout = env.duration("COUNTER_BACKEND_TIMEOUT", DEFAULT_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT);
        URI redis = backend == BackendType.REDIS
                ? env.parsed("REDIS_URL", DEFAULT_REDIS_URL, BackendUrls::redisUrl)
                : URI.create(DEFAULT_REDIS_URL);
        Optional<EtcdTlsFiles> tls = backend == BackendType.ETCD ? EtcdTlsFiles.from(env) : Optional.empty();
        List<URI> etcd = backend == BackendType.ETCD
                ? env.parsed("ETCD_ENDPOINTS", DEFAULT_ETCD_ENDPOINTS,
                        raw -> BackendUrls.etcdEndpoints(raw, tls.isPresent()))
                : List.of(URI.create(DEFAULT_ETCD_ENDPOINTS));
        IncrementRoute route = env.oneOf("ETCD_INCREMENT", IncrementRoute.class, DEFAULT_ETCD_INCREMENT);
        return new BackendSettings(redis, etcd, timeout, route, tls);
    }

    public static BackendSettings defaults() {
        return new BackendSettings(URI.create(DEFAULT_REDIS_URL), List.of(URI.create(DEFAULT_ETCD_ENDPOINTS)),
                DEFAULT_TIMEOUT, DEFAULT_ETCD_INCREMENT, Optional.empty());
    }

    /** Where the counter lives, for the start-up line: never the Redis password. */
    public String describe(BackendType backend) {
        return switch (backend) {
            case MEMORY -> "in-process";
            case REDIS -> redisUrl.getScheme() + "://" + redisUrl.getHost()
                    + (redisUrl.getPort() > 0 ? ":" + redisUrl.getPort() : "")
                    + (redisUrl.getPath() == null ? "" : redisUrl.getPath());
            case ETCD -> etcdEndpoints.stream().map(URI::toString).collect(Collectors.joining(","));
        };
    }
}
