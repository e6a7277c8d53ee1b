package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import java.util.List;

/** The schema requires spec.backend; an object stored without it is refused, not guessed at. */
final class BackendRequiredCheck implements SpecCheck {

    static final String REASON = "MissingBackend";

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        if (spec.getBackend() != null) {
            return List.of();
        }
        return List.of(
                new Violation(
                        REASON, "spec.backend", "spec.backend is required: memory, redis or etcd"));
    }
}
