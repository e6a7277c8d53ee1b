package dev.counter.operator.validation;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.SecretKeyRef;
import dev.counter.operator.workload.Backends;
import dev.counter.urls.BackendUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address of an external store must be usable. A missing address is no error: it means the
 * operator runs the store itself.
 */
final class ExternalBackendCheck implements SpecCheck {

    static final String REASON = "BackendNotConfigured";

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        EtcdSpec etcd = Backends.etcd(spec);
        // as the CRD's rules, whatever the backend
        if (etcd.getTls() != null) {
            boolean external = etcd.getEndpoints() != null && !etcd.getEndpoints().isEmpty();
            boolean secret = etcd.getTls().getSecretName() != null;
            if (external && !secret) {
                return List.of(new Violation(REASON, "spec.etcd.tls.secretName",
                        EtcdSpec.TLS_EXTERNAL_NEEDS_SECRET_MESSAGE));
            }
            if (!external && secret) {
                return List.of(new Violation(REASON, "spec.etcd.tls.secretName",
                        EtcdSpec.TLS_MANAGED_SECRET_MESSAGE));
            }
        }
        if (spec.getBackend() == Backend.REDIS) {
            return checkRedis(Backends.redis(spec));
        }
        if (Backends.externalEtcd(spec)) {
            return checkEtcd(etcd.getEndpoints(), etcd.getTls() != null);
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
        Optional<String> refused = refusal(() -> BackendUrls.redisUrl(url));
        if (refused.isPresent()) {
            return List.of(
                    new Violation(
                            REASON,
                            "spec.redis.url",
                            "spec.redis.url is refused by the counter service ("
                                    + refused.get()
                                    + "): "
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

    private static List<Violation> checkEtcd(List<String> endpoints, boolean tls) {
        var violations = new ArrayList<Violation>();
        for (String endpoint : endpoints) {
            refusal(() -> BackendUrls.etcdEndpoint(endpoint, tls))
                    .map(
                            why ->
                                    new Violation(
                                            REASON,
                                            "spec.etcd.endpoints",
                                            "spec.etcd.endpoints entry is refused by the counter"
                                                    + " service ("
                                                    + why
                                                    + "): "
                                                    + endpoint))
                    .ifPresent(violations::add);
        }
        return violations;
    }

    /** The service's own parser decides, so that a valid spec never becomes crashing pods. */
    private static Optional<String> refusal(Runnable parse) {
        try {
            parse.run();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
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
