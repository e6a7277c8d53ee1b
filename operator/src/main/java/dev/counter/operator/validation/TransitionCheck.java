package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import java.util.List;

/**
 * A rule about changing a spec whose objects already exist: some fields cannot follow a change
 * (Kubernetes forbids it, or the data would not survive it). The CRD's transition rules say the
 * same at admission; this sees what the cluster actually holds.
 */
@FunctionalInterface
public interface TransitionCheck {

    /** The violations of this rule; empty when the spec may be applied to what is deployed. */
    List<Violation> check(CounterAppSpec spec, Deployed deployed);
}
