package dev.counter.app;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.Backends;
import dev.counter.app.config.AppConfig;
import dev.counter.app.config.ConfigException;
import dev.counter.app.config.RuntimeFacts;
import dev.counter.app.grpc.GrpcServer;
import dev.counter.app.http.CounterServer;
import dev.counter.app.http.DrainableListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import sun.misc.Signal;

/** Reads the environment, starts the counter service, and shuts it down gracefully on SIGTERM. */
public final class Main {
    private Main() {
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** The gRPC API on the same backend, or none when {@code GRPC_PORT=off}. */
    private static List<DrainableListener> startGrpc(AppConfig config, CounterBackend backend, CounterServer http) {
        if (config.grpcPort().isEmpty()) {
            return List.of();
        }
        Duration callBound = config.backendSettings().timeout().plus(CounterServer.DEADLINE_SLACK);
        return List.of(GrpcServer.start("0.0.0.0", config.grpcPort().getAsInt(), backend, callBound, http::ready,
                http.meters()));
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n");
        }
        Logger log = Logger.getLogger(Main.class.getName());
        AppConfig config;
        CounterBackend backend;
        try {
            config = AppConfig.fromEnvironment(System.getenv());
            backend = Backends.create(config);
        } catch (ConfigException e) {
            System.err.println("counter-app: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        CounterServer server;
        try {
            server = CounterServer.start("0.0.0.0", config.port(), backend, config.pod(),
                    config.backendSettings().timeout());
        } catch (RuntimeException e) {
            // Undertow wraps the BindException; one line says what the operator of the pod must fix
            System.err.println("counter-app: cannot listen on port " + config.port() + ": " + rootMessage(e));
            backend.close();
            System.exit(1);
            return;
        }
        List<DrainableListener> grpc;
        try {
            grpc = startGrpc(config, backend, server);
        } catch (RuntimeException e) {
            System.err.println("counter-app: cannot listen on gRPC port " + config.grpcPort().getAsInt() + ": "
                    + rootMessage(e));
            server.shutdown(Duration.ZERO);
            System.exit(1);
            return;
        }
        log.info(String.format("counter-app started port=%d grpcPort=%s backend=%s target=%s strategy=%s processors=%d "
                        + "cpuLimit=%s maxHeap=%s java=%s",
                server.port(), grpc.isEmpty() ? "off" : config.grpcPort().getAsInt(), config.backend().id(), config.backendSettings().describe(config.backend()),
                config.strategy().id(),
                Runtime.getRuntime().availableProcessors(), RuntimeFacts.cgroupCpuLimit(Path.of("/sys/fs/cgroup")),
                RuntimeFacts.maxHeap(), Runtime.version()));

        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                log.info("signal received: draining for up to " + config.shutdownTimeout().toMillis() + " ms");
                boolean drained = server.shutdown(config.shutdownTimeout(), grpc);
                log.info(drained ? "stopped after draining" : "stopped at the shutdown timeout");
                System.exit(0);
            }
        };
        // A signal handler rather than a shutdown hook: a hook cannot make the JVM exit with 0
        // after SIGTERM, and Kubernetes reads 143 as a failure.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                Thread shutdown = new Thread(stop, "shutdown");
                // Threads inherit daemon status from the signal dispatcher; a daemon would let the
                // JVM exit as soon as Undertow's threads stop, before the backend is closed.
                shutdown.setDaemon(false);
                shutdown.start();
            });
        }
    }
}
