package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Append-only-file persistence of the operator-run Redis. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PersistenceSpec extends StorageSpec {

    @Default("true")
    @JsonPropertyDescription(
            "Keep Redis' append-only file (fsynced before every reply) on a PersistentVolumeClaim,"
                + " so the counter survives a Redis restart or a pod move. On by default: without it a"
                + " restarted Redis is empty and the counter service refuses to count (counter state"
                + " lost) until it is put back. Disabling it deletes the claim and its data.")
    private Boolean enabled = true;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }
}
