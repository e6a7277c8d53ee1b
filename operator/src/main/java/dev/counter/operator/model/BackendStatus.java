package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The counter's store as the operator sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackendStatus {

    @JsonPropertyDescription("memory, redis or etcd.")
    private Backend type;

    @JsonPropertyDescription(
            "Whether the operator runs the store (true) or the spec names an external one (false).")
    private Boolean managed;

    @JsonPropertyDescription(
            "Where the counter pods reach the store (without credentials); absent for memory.")
    private String endpoint;

    @JsonPropertyDescription(
            "Whether the store can serve: the operator-run Redis pod is ready, or a quorum of etcd"
                + " members is; external stores and memory count as ready (the counter pods'"
                + " readiness shows whether they reach them).")
    private Boolean ready;

    @JsonPropertyDescription("etcd only: members of the cluster (endpoints of an external one).")
    private Integer members;

    @JsonPropertyDescription("etcd run by the operator: members that are ready.")
    private Integer readyMembers;

    @JsonPropertyDescription(
            "etcd run by the operator: learners (added members not yet promoted to voters).")
    private Integer learners;

    @JsonPropertyDescription("etcd run by the operator: the member that leads the cluster.")
    private String leader;

    @JsonPropertyDescription(
            "etcd run by the operator: the membership step of the last round (Steady, AddingLearner,"
                    + " StartingMember, PromotingLearner, MovingLeader, RemovingMember,"
                    + " RepairingMember, ShrinkingStatefulSet, RestartingMember, QuorumLost, or a"
                    + " wait reason).")
    private String step;

    @JsonPropertyDescription(
            "etcd run by the operator with TLS: when the first of its member and client"
                    + " certificates expires (RFC 3339); the operator renews them 30 days before.")
    private String certificatesNotAfter;

    @JsonPropertyDescription("What the store is waiting for, when it is not ready.")
    private String message;

    public String getCertificatesNotAfter() {
        return certificatesNotAfter;
    }

    public void setCertificatesNotAfter(String certificatesNotAfter) {
        this.certificatesNotAfter = certificatesNotAfter;
    }

    public Integer getLearners() {
        return learners;
    }

    public void setLearners(Integer learners) {
        this.learners = learners;
    }

    public String getLeader() {
        return leader;
    }

    public void setLeader(String leader) {
        this.leader = leader;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }

    public Backend getType() {
        return type;
    }

    public void setType(Backend type) {
        this.type = type;
    }

    public Boolean getManaged() {
        return managed;
    }

    public void setManaged(Boolean managed) {
        this.managed = managed;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }

    public Integer getMembers() {
        return members;
    }

    public void setMembers(Integer members) {
        this.members = members;
    }

    public Integer getReadyMembers() {
        return readyMembers;
    }

    public void setReadyMembers(Integer readyMembers) {
        this.readyMembers = readyMembers;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BackendStatus other)) {
            return false;
        }
        return type == other.type
                && Objects.equals(managed, other.managed)
                && Objects.equals(endpoint, other.endpoint)
                && Objects.equals(ready, other.ready)
                && Objects.equals(members, other.members)
                && Objects.equals(readyMembers, other.readyMembers)
                && Objects.equals(learners, other.learners)
                && Objects.equals(leader, other.leader)
                && Objects.equals(step, other.step)
                && Objects.equals(certificatesNotAfter, other.certificatesNotAfter)
                && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                type, managed, endpoint, ready, members, readyMembers, learners, leader, step,
                certificatesNotAfter, message);
    }
}
