package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.SecretKeyRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * How the counter pods reach Redis. A password never goes into the ConfigMap: the pods get it as
 * {@code REDIS_PASSWORD} from a Secret, and {@code REDIS_URL} refers to it with Kubernetes' {@code
 * $(VAR)} expansion, which works only in {@code env}, after the variable it names.
 */
public final class RedisConnection {

    public static final int PORT = 6379;
    public static final String PORT_NAME = "redis";

    /** The key of the generated password in the operator's Secret. */
    public static final String PASSWORD_KEY = "password";

    public static final String REDIS_PASSWORD = "REDIS_PASSWORD";

    private RedisConnection() {}

    /** Where the Redis the operator runs listens, without credentials. */
    public static String managedEndpoint(CounterApp app) {
        return "redis://" + host(app) + ":" + PORT;
    }

    /** Where the counter pods find Redis, without credentials; for the status. */
    public static Optional<String> endpoint(CounterApp app) {
        if (Backends.managedRedis(app.getSpec())) {
            return Optional.of(managedEndpoint(app));
        }
        if (Backends.externalRedis(app.getSpec())) {
            return Optional.of(withoutCredentials(Backends.redis(app.getSpec()).getUrl()));
        }
        return Optional.empty();
    }

    /** The Secret key with the password, when there is one to use. */
    public static Optional<SecretKeyRef> passwordSource(CounterApp app) {
        if (Backends.managedRedis(app.getSpec())) {
            return Optional.of(new SecretKeyRef(Names.redis(app), PASSWORD_KEY));
        }
        if (Backends.externalRedis(app.getSpec())) {
            return Optional.ofNullable(Backends.redis(app.getSpec()).getPasswordSecretRef());
        }
        return Optional.empty();
    }

    /**
     * {@code REDIS_PASSWORD} and {@code REDIS_URL} for the counter container, in that order; empty
     * when no password is involved (an external URL without one goes into the ConfigMap).
     */
    public static List<EnvVar> counterEnvironment(CounterApp app) {
        return passwordSource(app)
                .map(
                        secret ->
                                List.of(
                                        EnvVars.fromSecret(REDIS_PASSWORD, secret),
                                        EnvVars.value(
                                                CounterEnvironment.REDIS_URL,
                                                urlReferringToPassword(app))))
                .orElse(List.of());
    }

    private static String urlReferringToPassword(CounterApp app) {
        String reference = ":$(" + REDIS_PASSWORD + ")@";
        if (Backends.managedRedis(app.getSpec())) {
            return "redis://" + reference + host(app) + ":" + PORT;
        }
        RedisSpec redis = Backends.redis(app.getSpec());
        String url = redis.getUrl().trim();
        int authority = url.indexOf("://") + 3;
        return url.substring(0, authority) + reference + url.substring(authority);
    }

    private static String host(CounterApp app) {
        return Names.redis(app) + "." + app.getMetadata().getNamespace() + ".svc";
    }

    /** A URL with any user info removed, safe to show in the status. */
    static String withoutCredentials(String url) {
        try {
            var uri = new URI(url.trim());
            if (uri.getRawUserInfo() == null) {
                return url.trim();
            }
            return new URI(
                            uri.getScheme(),
                            null,
                            uri.getHost(),
                            uri.getPort(),
                            uri.getPath(),
                            uri.getQuery(),
                            uri.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            // validation refuses such URLs; never echo a possibly secret-bearing string
            return "(unparsable URL)";
        }
    }
}
