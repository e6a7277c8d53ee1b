package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.Strategy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counter service's configuration, as environment variables. It lives in a ConfigMap; its hash
 * goes on the pod template so that a configuration change rolls the pods (env from a ConfigMap is
 * read only at container start). Nothing secret goes here: a Redis password reaches the pods
 * through {@link RedisConnection}.
 */
public final class CounterEnvironment {

    public static final String COUNTER_BACKEND = "COUNTER_BACKEND";
    public static final String COUNTER_STRATEGY = "COUNTER_STRATEGY";
    public static final String COUNTER_KEY = "COUNTER_KEY";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String ETCD_ENDPOINTS = "ETCD_ENDPOINTS";

    private static final int HASH_HEX_CHARS = 16;

    private CounterEnvironment() {}

    /** Sorted, so equal configurations serialise and hash identically. */
    public static SortedMap<String, String> of(CounterApp app) {
        CounterAppSpec spec = app.getSpec();
        var env = new TreeMap<String, String>();
        env.put(COUNTER_BACKEND, spec.getBackend().value());
        env.put(
                COUNTER_STRATEGY,
                Optional.ofNullable(spec.getStrategy()).orElse(Strategy.ATOMIC).value());
        env.put(COUNTER_KEY, app.getMetadata().getNamespace() + "/" + app.getMetadata().getName());
        // a URL that needs a password is built in the container's env instead (RedisConnection)
        if (Backends.externalRedis(spec) && RedisConnection.passwordSource(app).isEmpty()) {
            env.put(REDIS_URL, Backends.redis(spec).getUrl());
        }
        if (Backends.externalEtcd(spec)) {
            env.put(ETCD_ENDPOINTS, String.join(",", Backends.etcd(spec).getEndpoints()));
        }
        if (Backends.managedEtcd(spec)) {
            // the client Service, not per-member URLs: members can be replaced without a rollout
            env.put(ETCD_ENDPOINTS, EtcdTopology.clientUrl(app));
        }
        return env;
    }

    /** A short SHA-256 of the configuration; any change of a key or value changes it. */
    public static String hash(Map<String, String> env) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(env)
                    .forEach(
                            (key, value) -> {
                                digest.update(key.getBytes(StandardCharsets.UTF_8));
                                digest.update((byte) 0);
                                digest.update(value.getBytes(StandardCharsets.UTF_8));
                                digest.update((byte) 0);
                            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
