package dev.counter.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the shared backends are, parsed and checked at start so that a typo exits with status 2
 * instead of surfacing as an endless stream of 503s.
 *
 * @param redisUrl the Redis URL; only checked when the backend is redis
 * @param etcdEndpoints the etcd client URLs; only checked when the backend is etcd
 * @param timeout the deadline of one backend call
 * @param etcdIncrement how +1 increments reach etcd
 */
public record BackendSettings(URI redisUrl, List<URI> etcdEndpoints, Duration timeout, IncrementRoute etcdIncrement) {

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
                ? env.parsed("REDIS_URL", DEFAULT_REDIS_URL, BackendSettings::redisUrl)
                : URI.create(DEFAULT_REDIS_URL);
        List<URI> etcd = backend == BackendType.ETCD
                ? env.parsed("ETCD_ENDPOINTS", DEFAULT_ETCD_ENDPOINTS, BackendSettings::etcdEndpoints)
                : List.of(URI.create(DEFAULT_ETCD_ENDPOINTS));
        IncrementRoute route = env.oneOf("ETCD_INCREMENT", IncrementRoute.class, DEFAULT_ETCD_INCREMENT);
        return new BackendSettings(redis, etcd, timeout, route);
    }

    public static BackendSettings defaults() {
        return new BackendSettings(URI.create(DEFAULT_REDIS_URL), List.of(URI.create(DEFAULT_ETCD_ENDPOINTS)),
                DEFAULT_TIMEOUT, DEFAULT_ETCD_INCREMENT);
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

    /** {@code redis://[:password@]host:port[/db]} or {@code rediss://…}. */
    static URI redisUrl(String raw) {
        URI uri = hostAndPort(raw, "redis", "rediss", "expected redis://[:password@]host:port[/db] or rediss://…");
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,2}")) {
            throw new IllegalArgumentException("the database must be a number, as in redis://host:6379/0");
        }
        return uri;
    }

    /**
     * Comma-separated {@code http://host:port} URLs, as the etcd seed's {@code ETCD_ENDPOINTS}.
     * {@code https} is refused with a clear message rather than accepted: talking TLS to etcd needs
     * a CA (and usually client certificates), which this version cannot be given yet.
     */
    static List<URI> etcdEndpoints(String raw) {
        List<URI> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty endpoint; expected a comma-separated list such as "
                        + "http://etcd-0:2379,http://etcd-1:2379");
            }
            URI endpoint = hostAndPort(part.trim(), "http", "https", "expected http://host:port, comma-separated");
            if (endpoint.getScheme().equalsIgnoreCase("https")) {
                throw new IllegalArgumentException("https endpoints need TLS settings (a CA, client certificates),"
                        + " which are not supported yet; use http:// inside the cluster");
            }
            out.add(endpoint);
        }
        return List.copyOf(out);
    }

    private static URI hostAndPort(String raw, String scheme, String tlsScheme, String expected) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected);
        }
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!s.equals(scheme) && !s.equals(tlsScheme)) {
            throw new IllegalArgumentException(expected);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("no host; " + expected);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535 || (uri.getPort() < 0 && s.startsWith("http"))) {
            throw new IllegalArgumentException("a port from 1 to 65535 is required; " + expected);
        }
        return uri;
    }
}
