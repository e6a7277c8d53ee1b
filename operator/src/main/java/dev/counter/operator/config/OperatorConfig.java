package dev.counter.operator.config;

import dev.counter.operator.workload.CounterImage;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * The operator's settings, read from environment variables; every value is checked so that a typo
 * stops the process at once instead of surfacing as odd behaviour later.
 *
 * @param watchNamespaces namespaces whose CounterApps are reconciled; empty means all
 * @param leaderElection whether to compete for the {@link #LEASE_NAME} Lease before reconciling
 * @param leaseNamespace where the Lease lives, when set explicitly
 * @param httpPort port of /healthz, /readyz and /metrics
 * @param ssaEnabled server-side apply for dependents and the status
 * @param logLevel threshold of the JSON log lines
 * @param counterAppImage the image of CounterApps that do not set {@code spec.image}
 * @param counterStateRefresh how often a Redis or etcd CounterApp's counter pods are asked for
 *     their high-water mark when nothing else makes the operator reconcile it
 */
public record OperatorConfig(
        Set<String> watchNamespaces,
        boolean leaderElection,
        Optional<String> leaseNamespace,
        int httpPort,
        boolean ssaEnabled,
        Level logLevel,
        String counterAppImage,
        Duration counterStateRefresh) {

    public static final String WATCH_NAMESPACES = "WATCH_NAMESPACES";
    public static final String LEADER_ELECTION = "LEADER_ELECTION";
    public static final String POD_NAMESPACE = "POD_NAMESPACE";
    public static final String OPERATOR_NAMESPACE = "OPERATOR_NAMESPACE";
    public static final String OPERATOR_HTTP_PORT = "OPERATOR_HTTP_PORT";
    public static final String SSA_ENABLED = "SSA_ENABLED";
    public static final String LOG_LEVEL = "LOG_LEVEL";
    public static final String COUNTER_APP_IMAGE = "COUNTER_APP_IMAGE";
    public static final String COUNTER_STATE_REFRESH_SECONDS = "COUNTER_STATE_REFRESH_SECONDS";

    public static final String LEASE_NAME = "counter-operator-lock";
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final int DEFAULT_COUNTER_STATE_REFRESH_SECONDS = 30;

    /** An image reference: no spaces, not empty, repository characters, an optional tag/digest. */
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]*[a-zA-Z0-9_.-]");

    /** A DNS-1123 label, the form of a namespace name. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private static final Map<String, Level> LOG_LEVELS =
            Map.of(
                    "error", Level.SEVERE,
                    "warn", Level.WARNING,
                    "info", Level.INFO,
                    "debug", Level.FINE,
                    "trace", Level.FINEST);

    public OperatorConfig {
        watchNamespaces = Set.copyOf(watchNamespaces);
    }

    /**
     * @throws InvalidConfigException naming the first variable with an unusable value
     */
    public static OperatorConfig fromEnvironment(Map<String, String> env) {
        return new OperatorConfig(
                namespaces(env),
                bool(env, LEADER_ELECTION, false),
                leaseNamespace(env),
                integer(env, OPERATOR_HTTP_PORT, DEFAULT_HTTP_PORT, 1, 65535, "a port number"),
                bool(env, SSA_ENABLED, true),
                logLevel(env),
                counterAppImage(env),
                Duration.ofSeconds(
                        integer(
                                env,
                                COUNTER_STATE_REFRESH_SECONDS,
                                DEFAULT_COUNTER_STATE_REFRESH_SECONDS,
                                1,
                                3600,
                                "a number of seconds")));
    }

    /**
     * The default counter-app image: the one released with this operator, unless the installation
     * names another (a private registry, a mirror).
     */
    private static String counterAppImage(Map<String, String> env) {
        Optional<String> raw = value(env, COUNTER_APP_IMAGE);
        if (raw.isEmpty()) {
            return CounterImage.bundled();
        }
        if (!IMAGE.matcher(raw.get()).matches()) {
            throw new InvalidConfigException(
                    COUNTER_APP_IMAGE, raw.get(), "expected an image reference such as registry/counter-app:tag");
        }
        return raw.get();
    }

    private static Set<String> namespaces(Map<String, String> env) {
        String raw = value(env, WATCH_NAMESPACES).orElse("");
        var namespaces = new LinkedHashSet<String>();
        for (String part : raw.split(",")) {
            String namespace = part.trim();
            if (namespace.isEmpty()) {
                continue;
            }
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new InvalidConfigException(
                        WATCH_NAMESPACES,
                        raw,
                        "expected a comma-separated list of namespace names");
            }
            namespaces.add(namespace);
        }
        return namespaces;
    }

    private static Optional<String> leaseNamespace(Map<String, String> env) {
        for (String variable : new String[] {POD_NAMESPACE, OPERATOR_NAMESPACE}) {
            Optional<String> namespace = value(env, variable);
            if (namespace.isPresent()) {
                if (!NAMESPACE.matcher(namespace.get()).matches()) {
                    throw new InvalidConfigException(
                            variable, namespace.get(), "expected a namespace name");
                }
                return namespace;
            }
        }
        return Optional.empty();
    }

    private static int integer(
            Map<String, String> env,
            String variable,
            int defaultValue,
            int min,
            int max,
            String what) {
        Optional<String> raw = value(env, variable);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(raw.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigException(
                variable, raw.get(), "expected %s from %d to %d".formatted(what, min, max));
    }

    private static boolean bool(Map<String, String> env, String variable, boolean defaultValue) {
        Optional<String> raw = value(env, variable);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw new InvalidConfigException(variable, raw.get(), "expected true or false");
        };
    }

    private static Level logLevel(Map<String, String> env) {
        Optional<String> raw = value(env, LOG_LEVEL);
        if (raw.isEmpty()) {
            return Level.INFO;
        }
        Level level = LOG_LEVELS.get(raw.get().toLowerCase(Locale.ROOT));
        if (level == null) {
            throw new InvalidConfigException(
                    LOG_LEVEL, raw.get(), "expected error, warn, info, debug or trace");
        }
        return level;
    }

    /** Unset and blank are the same: Kubernetes manifests often render empty strings. */
    private static Optional<String> value(Map<String, String> env, String variable) {
        return Optional.ofNullable(env.get(variable)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
