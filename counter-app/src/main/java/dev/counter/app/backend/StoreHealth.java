package dev.counter.app.backend;

import java.util.concurrent.CompletableFuture;

/**
 * What the last counter operation learned about the store's state, for {@code /ready} and the
 * metrics: a lost or unusable counter stays reported until an operation succeeds again, which is
 * how service resumes by itself once the store is repaired.
 */
public final class StoreHealth {
    private final String backend;
    private volatile StoreStateException problem;

    public StoreHealth(String backend) {
        this.backend = backend;
    }

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

    public void render(StringBuilder out) {
        StoreStateException p = problem;
        gauge(out, "counter_state_lost", "1 while the store has lost or rolled back values already handed out:"
                + " counter requests are refused until it is repaired (see the README).",
                p != null && p.kind() == StoreStateException.Kind.LOST);
        gauge(out, "counter_store_value_unusable", "1 while the store holds a counter value this service cannot"
                + " read (garbage, wrong type).", p != null && p.kind() == StoreStateException.Kind.UNUSABLE);
    }

    private void gauge(StringBuilder out, String name, String help, boolean on) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append("{backend=\"").append(backend).append("\"} ").append(on ? 1 : 0).append('\n');
    }
}
