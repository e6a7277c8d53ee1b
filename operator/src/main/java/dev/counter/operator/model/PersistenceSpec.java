package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Append-only-file persistence of the operator-run Redis. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PersistenceSpec extends StorageSpec {

    @Default("false")
    @JsonPropertyDescription(
            "Keep Redis' append-only file on a PersistentVolumeClaim, so the counter survives a"
                + " Redis restart. Disabling it deletes the claim and its data.")
    private Boolean enabled = false;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }
}
