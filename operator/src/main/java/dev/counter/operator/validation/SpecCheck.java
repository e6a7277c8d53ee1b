package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import java.util.List;

/** One semantic rule of the spec, for what the CRD schema and its CEL rules cannot enforce. */
@FunctionalInterface
public interface SpecCheck {

    /** The violations of this rule; empty when the spec obeys it. */
    List<Violation> check(CounterAppSpec spec);
}
