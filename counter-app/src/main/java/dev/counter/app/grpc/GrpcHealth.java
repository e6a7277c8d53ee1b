package dev.counter.app.grpc;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code grpc.health.v1.Health}, following {@code /ready}: SERVING while the backend answers and the
 * process is not shutting down. The standard manager keeps the status (it also serves Watch); a
 * refresh every {@link #PERIOD} copies the readiness verdict into it — no more often than
 * {@code /ready} caches its check, so it adds at most one backend check per period.
 */
final class GrpcHealth {
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final HealthStatusManager manager = new HealthStatusManager();
    private final Supplier<CompletableFuture<Boolean>> ready;
    private final String serviceName;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grpc-health");
        t.setDaemon(true);
        return t;
    });

    GrpcHealth(Supplier<CompletableFuture<Boolean>> ready, String serviceName) {
        this.ready = ready;
        this.serviceName = serviceName;
        set(ServingStatus.NOT_SERVING);
        refresher.scheduleWithFixedDelay(this::refresh, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    BindableService service() {
        return manager.getHealthService();
    }

    private void refresh() {
        ready.get().whenComplete((ok, error) ->
                set(error == null && ok ? ServingStatus.SERVING : ServingStatus.NOT_SERVING));
    }

    private void set(ServingStatus status) {
        // "" is the whole server, what grpc_health_probe and grpcurl ask by default
        manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        manager.setStatus(serviceName, status);
    }

    /** NOT_SERVING from now on, whatever a refresh still in flight finds: the process is leaving. */
    void stop() {
        refresher.shutdownNow();
        manager.enterTerminalState();
    }
}
