package dev.counter.operator.validation;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.SecretKeyRef;
import dev.counter.operator.workload.Backends;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of an external store must be usable. A missing address is no error: it means the
 * operator runs the store itself.
 */
final class ExternalBackendCheck implements SpecCheck {

    static final String REASON = "BackendNotConfigured";

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        if (spec.getBackend() == Backend.REDIS) {
            return checkRedis(Backends.redis(spec));
        }
        if (Backends.externalEtcd(spec)) {
            return checkEtcd(Backends.etcd(spec).getEndpoints());
        }
        return List.of();
    }

    private static List<Violation> checkRedis(RedisSpec redis) {
        String url = redis.getUrl() == null ? "" : redis.getUrl().trim();
        SecretKeyRef secret = redis.getPasswordSecretRef();
        if (url.isEmpty()) {
            return secret == null
                    ? List.of()
                    : List.of(
                            new Violation(
                                    REASON,
                                    "spec.redis.passwordSecretRef",
                                    RedisSpec.SECRET_REF_NEEDS_URL_MESSAGE));
        }
        if (!hasScheme(url, "redis", "rediss")) {
            return List.of(
                    new Violation(
                            REASON,
                            "spec.redis.url",
                            "spec.redis.url must be a redis:// or rediss:// URL: "
                                    + redactedForMessage(url)));
        }
        if (secret != null) {
            if (secret.getName() == null || secret.getName().isBlank()) {
                return List.of(
                        new Violation(
                                REASON,
                                "spec.redis.passwordSecretRef.name",
                                "spec.redis.passwordSecretRef.name is required"));
            }
            if (userInfo(url) != null) {
                return List.of(
                        new Violation(
                                REASON,
                                "spec.redis.url",
                                "spec.redis.url must not carry a password when passwordSecretRef is"
                                    + " set"));
            }
        }
        return List.of();
    }

    private static List<Violation> checkEtcd(List<String> endpoints) {
        var violations = new ArrayList<Violation>();
        for (String endpoint : endpoints) {
            // the counter service has no TLS settings for etcd yet and exits on https endpoints:
            // refuse them here rather than roll out pods that crash
            if (!hasScheme(endpoint, "http")) {
                violations.add(
                        new Violation(
                                REASON,
                                "spec.etcd.endpoints",
                                "spec.etcd.endpoints entries must be http:// URLs (TLS to etcd is not"
                                        + " supported yet): "
                                        + endpoint));
            }
        }
        return violations;
    }

    private static boolean hasScheme(String url, String... schemes) {
        try {
            var uri = new URI(url);
            return uri.getHost() != null && List.of(schemes).contains(uri.getScheme());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String userInfo(String url) {
        try {
            return new URI(url).getRawUserInfo();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The message lands in the status and an Event: never repeat a password from the URL. */
    private static String redactedForMessage(String url) {
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        return at > scheme && scheme >= 0
                ? url.substring(0, scheme + 3) + "***" + url.substring(at)
                : url;
    }
}
