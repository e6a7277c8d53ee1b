package dev.counter.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** Asks counter pods how they see the counter (their {@code /ready}). */
public interface CounterProbe {

    /**
     * Returns within a bounded time, whatever the pods do.
     *
     * @return the answers of the pods that gave one; a pod that cannot be reached, has no IP yet or
     *     answers something else is left out
     */
    List<PodReadiness> probe(List<Pod> pods);
}
