package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** One condition in the standard Kubernetes shape ({@code metav1.Condition}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

    public static final String TRUE = "True";
    public static final String FALSE = "False";

    @Required
    @JsonPropertyDescription("Condition type: Ready, Progressing, Degraded or Valid.")
    private String type;

    @Required
    @JsonPropertyDescription("True, False or Unknown.")
    private String status;

    @JsonPropertyDescription("One CamelCase word saying why the condition has this status.")
    private String reason;

    @JsonPropertyDescription("Human-readable details.")
    private String message;

    @JsonPropertyDescription("When the status last changed (RFC 3339).")
    private String lastTransitionTime;

    @JsonPropertyDescription(
            "metadata.generation of the CounterApp this condition was computed for.")
    private Long observedGeneration;

    public Condition() {}

    public Condition(String type, boolean status, String reason, String message) {
        this.type = type;
        this.status = status ? TRUE : FALSE;
        this.reason = reason;
        this.message = message;
    }

    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Condition other)) {
            return false;
        }
        return Objects.equals(type, other.type)
                && Objects.equals(status, other.status)
                && Objects.equals(reason, other.reason)
                && Objects.equals(message, other.message)
                && Objects.equals(lastTransitionTime, other.lastTransitionTime)
                && Objects.equals(observedGeneration, other.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
    }

    @Override
    public String toString() {
        return type + "=" + status + " (" + reason + ": " + message + ")";
    }
}
