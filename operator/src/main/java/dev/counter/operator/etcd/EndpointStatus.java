package dev.counter.operator.etcd;

import java.util.List;

/**
 * What one member says about itself ({@code Maintenance.Status}): the leader it follows, how far
 * its raft log is applied, its version and its alarms/errors.
 */
public record EndpointStatus(
        String endpoint,
        long memberId,
        long leaderId,
        long raftIndex,
        long raftAppliedIndex,
        String version,
        boolean learner,
        long dbSize,
        List<String> errors) {

    public EndpointStatus {
        errors = List.copyOf(errors);
    }

    /** Follows a leader and reports no errors (no NOSPACE/CORRUPT alarm). */
    public boolean healthy() {
        return leaderId != 0 && errors.isEmpty();
    }
}
