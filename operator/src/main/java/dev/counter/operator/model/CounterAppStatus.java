package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator observed; equality drives the "no write when nothing changed" rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CounterAppStatus {

    @JsonPropertyDescription("metadata.generation of the CounterApp this status was computed for.")
    private Long observedGeneration;

    @JsonPropertyDescription(
            "Summary of the conditions: Pending, Progressing, Ready, Degraded or Invalid.")
    private Phase phase;

    @JsonPropertyDescription(
            "Why the phase is what it is: the reason of the condition that decided it (Valid,"
                    + " Degraded, Progressing or Ready).")
    private String reason;

    @StatusReplicas
    @JsonPropertyDescription("Counter pods that exist (Deployment status.replicas).")
    private Integer replicas;

    @JsonPropertyDescription("Counter pods that are ready to serve.")
    private Integer readyReplicas;

    @LabelSelector
    @JsonPropertyDescription("Label selector of the counter pods, for the scale subresource.")
    private String selector;

    @JsonPropertyDescription("In-cluster URL of the counter Service.")
    private String endpoint;

    @JsonPropertyDescription("The counter's store: type, endpoint, readiness, etcd members.")
    private BackendStatus backend;

    @JsonPropertyDescription("The most recent finished etcd snapshot Job, when snapshots are on.")
    private SnapshotStatus lastSnapshot;

    @JsonPropertyDescription(
            "Redis and etcd only: the counter's high-water mark, recorded from the counter pods.")
    private CounterStatus counter;

    @JsonPropertyDescription(
            "Ready, Progressing, Degraded and Valid conditions, and Snapshots when etcd snapshots"
                + " are on; CounterState once a Redis or etcd counter pod has answered.")
    private List<Condition> conditions = new ArrayList<>();

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public BackendStatus getBackend() {
        return backend;
    }

    public void setBackend(BackendStatus backend) {
        this.backend = backend;
    }

    public SnapshotStatus getLastSnapshot() {
        return lastSnapshot;
    }

    public void setLastSnapshot(SnapshotStatus lastSnapshot) {
        this.lastSnapshot = lastSnapshot;
    }

    public CounterStatus getCounter() {
        return counter;
    }

    public void setCounter(CounterStatus counter) {
        this.counter = counter;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CounterAppStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration)
                && phase == other.phase
                && Objects.equals(reason, other.reason)
                && Objects.equals(replicas, other.replicas)
                && Objects.equals(readyReplicas, other.readyReplicas)
                && Objects.equals(selector, other.selector)
                && Objects.equals(endpoint, other.endpoint)
                && Objects.equals(backend, other.backend)
                && Objects.equals(lastSnapshot, other.lastSnapshot)
                && Objects.equals(counter, other.counter)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                observedGeneration,
                phase,
                reason,
                replicas,
                readyReplicas,
                selector,
                endpoint,
                backend,
                lastSnapshot,
                counter,
                conditions);
    }
}
