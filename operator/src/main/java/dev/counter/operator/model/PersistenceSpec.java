package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Append-only-file persistence of the operator-run Redis. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PersistenceSpec extends StorageSpec {

    // No schema default: the API server would write enabled=true into every CounterApp, and the
    // CEL rule refusing persistence next to an external redis.url would then refuse them all.
    // Unset means on for the Redis the operator runs (Backends.redisPersistence).
    @JsonPropertyDescription(
            "Keep Redis' append-only file (fsynced before every reply) on a PersistentVolumeClaim,"
                + " so the counter survives a Redis restart or a pod move. On by default: without it a"
                + " restarted Redis is empty and the counter service refuses to count (counter state"
                + " lost) until it is put back. Disabling it deletes the claim and its data. Unset"
                + " means true.")
    private Boolean enabled;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }
}
