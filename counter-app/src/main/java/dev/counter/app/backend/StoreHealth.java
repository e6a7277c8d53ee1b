package dev.counter.app.backend;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;

/**
 * What the last counter operation learned about the store's state, for {@code /ready} and the
 * metrics: a lost or unusable counter stays reported until an operation succeeds again, which is
 * how service resumes by itself once the store is repaired.
 */
public final class StoreHealth {
    private volatile StoreStateException problem;

    /** {@code call}, recording whether it found the store's counter usable. */
    public <T> CompletableFuture<T> watch(CompletableFuture<T> call) {
        return call.whenComplete((value, error) -> {
            if (error == null) {
                problem = null;
            } else if (Failures.unwrap(error) instanceof StoreStateException e) {
                problem = e;
            }
        });
    }

    public void bind(MeterRegistry registry) {
        gauge(registry, "counter.state.lost", "1 while the store has lost or rolled back values already handed out:"
                        + " counter requests are refused until it is repaired (see the README).",
                StoreStateException.Kind.LOST);
        gauge(registry, "counter.store.value.unusable", "1 while the store holds a counter value this service cannot"
                        + " read (garbage, wrong type).", StoreStateException.Kind.UNUSABLE);
    }

    private void gauge(MeterRegistry registry, String name, String help, StoreStateException.Kind kind) {
        Gauge.builder(name, this, h -> h.problem != null && h.problem.kind() == kind ? 1 : 0)
                .description(help).register(registry);
    }
}
