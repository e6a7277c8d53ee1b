package dev.counter.app.config;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The service's configuration, read once at start from the environment.
 *
 * @param grpcPort the gRPC API's port; empty when {@code GRPC_PORT=off}
 * @param counterKey name of the counter; shared backends use it as their storage key
 */
public record AppConfig(
        int port,
        OptionalInt grpcPort,
        BackendType backend,
        Strategy strategy,
        String counterKey,
        PodIdentity pod,
        Duration shutdownTimeout,
        BackendSettings backendSettings) {

    /** The port of the gRPC system this service replaces, so that its clients work unchanged. */
    public static final int DEFAULT_GRPC_PORT = 50055;

    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    public static AppConfig fromEnvironment(Map<String, String> environment) {
        Env env = new Env(environment);
        int port = env.intInRange("PORT", 8080, 1, 65535);
        OptionalInt grpcPort = env.portOrOff("GRPC_PORT", DEFAULT_GRPC_PORT);
        BackendType backend = env.oneOf("COUNTER_BACKEND", BackendType.class, BackendType.MEMORY);
        Strategy strategy = env.oneOf("COUNTER_STRATEGY", Strategy.class, Strategy.ATOMIC);
        String key = env.string("COUNTER_KEY", "counter");
        PodIdentity pod = new PodIdentity(
                env.string("MY_POD_NAME", "unknown"),
                env.string("MY_NODE_NAME", "unknown"),
                env.string("MY_POD_NAMESPACE", "unknown"));
        Duration shutdown = env.duration("SHUTDOWN_TIMEOUT", DEFAULT_SHUTDOWN_TIMEOUT);
        return new AppConfig(port, grpcPort, backend, strategy, key, pod, shutdown, BackendSettings.from(env, backend));
    }
}
