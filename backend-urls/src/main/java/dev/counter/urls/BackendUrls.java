package dev.counter.urls;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The counter service's rules for its backend addresses. The service checks REDIS_URL and
 * ETCD_ENDPOINTS with them at start (a refusal exits with status 2); the operator checks a
 * CounterApp's spec with the same methods, so a spec it accepts never becomes pods that crash.
 * Messages never repeat the address: it may carry a password.
 */
public final class BackendUrls {

    private BackendUrls() {
    }

    /** {@code redis://[:password@]host:port[/db]} or {@code rediss://…}. */
    public static URI redisUrl(String raw) {
        URI uri = hostAndPort(raw, "redis", "rediss", "expected redis://[:password@]host:port[/db] or rediss://…");
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,2}")) {
            throw new IllegalArgumentException("the database must be a number, as in redis://host:6379/0");
        }
        return uri;
    }

    /** {@link #etcdEndpoints(String, boolean)} without TLS settings: plain {@code http} only. */
    public static List<URI> etcdEndpoints(String raw) {
        return etcdEndpoints(raw, false);
    }

    /**
     * Comma-separated {@code http://host:port} or {@code https://host:port} URLs, as the etcd seed's
     * {@code ETCD_ENDPOINTS}. {@code https} needs a CA to trust ({@code tls}); with one, every
     * endpoint must be {@code https}, so that a typo never sends the counter in clear text to a
     * member the operator believes to be protected.
     */
    public static List<URI> etcdEndpoints(String raw, boolean tls) {
        List<URI> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty endpoint; expected a comma-separated list such as "
                        + "http://etcd-0:2379,http://etcd-1:2379");
            }
            out.add(etcdEndpoint(part.trim(), tls));
        }
        return List.copyOf(out);
    }

    /** One {@code http://host:port} etcd client URL; {@code https} needs TLS settings. */
    public static URI etcdEndpoint(String raw) {
        return etcdEndpoint(raw, false);
    }

    /** One etcd client URL: {@code https://host:port} when {@code tls}, else {@code http://host:port}. */
    public static URI etcdEndpoint(String raw, boolean tls) {
        URI endpoint = hostAndPort(raw, "http", "https", "expected http://host:port, comma-separated");
        boolean https = endpoint.getScheme().equalsIgnoreCase("https");
        if (https && !tls) {
            throw new IllegalArgumentException("https endpoints need TLS settings: a CA to trust"
                    + " (ETCD_CA_FILE, or spec.etcd.tls in a CounterApp); none is configured");
        }
        if (!https && tls) {
            throw new IllegalArgumentException("TLS settings are configured, so every endpoint must be"
                    + " https://host:port");
        }
        return endpoint;
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
