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

    /**
     * Comma-separated {@code http://host:port} URLs, as the etcd seed's {@code ETCD_ENDPOINTS}.
     * {@code https} is refused with a clear message rather than accepted: talking TLS to etcd needs
     * a CA (and usually client certificates), which this version cannot be given yet.
     */
    public static List<URI> etcdEndpoints(String raw) {
        List<URI> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty endpoint; expected a comma-separated list such as "
                        + "http://etcd-0:2379,http://etcd-1:2379");
            }
            out.add(etcdEndpoint(part.trim()));
        }
        return List.copyOf(out);
    }

    /** One {@code http://host:port} etcd client URL. */
    public static URI etcdEndpoint(String raw) {
        URI endpoint = hostAndPort(raw, "http", "https", "expected http://host:port, comma-separated");
        if (endpoint.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("https endpoints need TLS settings (a CA, client certificates),"
                    + " which are not supported yet; use http:// inside the cluster");
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
