package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The CRD schema of {@code spec.resources}, which is a plain {@link
 * io.fabric8.kubernetes.api.model.ResourceRequirements} in Java. fabric8's model carries no
 * descriptions, so {@code kubectl explain} would show none; dynamic resource claims are left out as
 * the counter has no use for them.
 */
public final class ResourcesSchema {

    @JsonPropertyDescription(
            "Resources the scheduler reserves for the container, e.g. cpu: 100m, memory: 128Mi.")
    private Map<String, Quantity> requests;

    @JsonPropertyDescription(
            "Most the container may use: it is throttled above the cpu limit and killed above the"
                + " memory limit.")
    private Map<String, Quantity> limits;

    public Map<String, Quantity> getRequests() {
        return requests;
    }

    public Map<String, Quantity> getLimits() {
        return limits;
    }
}
