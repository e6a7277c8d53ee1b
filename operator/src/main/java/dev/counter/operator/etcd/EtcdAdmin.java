package dev.counter.operator.etcd;

import java.net.URI;
import java.util.List;

/**
 * The etcd cluster API the operator needs for day-2 operations. Every call has a deadline; no
 * mutation is retried blindly (a timed-out add may have happened: the caller re-reads {@link
 * #members()} and plans again).
 */
public interface EtcdAdmin extends AutoCloseable {

    /** The member list, read linearizably from a member that has a leader. */
    List<EtcdMember> members() throws EtcdAdminException;

    /** {@code MemberAddAsLearner}: the new member's id. */
    EtcdMember addLearner(String peerUrl) throws EtcdAdminException;

    /**
     * {@code MemberPromote}. etcd refuses a learner that has not caught up yet: that is {@link
     * PromoteRefused}, which means "wait", not failure.
     */
    void promote(long memberId) throws EtcdAdminException;

    /** {@code MemberRemove}. */
    void remove(long memberId) throws EtcdAdminException;

    /** {@code Maintenance.Status} of the member at {@code clientUrl}. */
    EndpointStatus status(URI clientUrl) throws EtcdAdminException;

    /** {@code MoveLeader}, sent to the current leader at {@code leaderClientUrl}. */
    void moveLeader(URI leaderClientUrl, long targetId) throws EtcdAdminException;

    @Override
    void close();

    /** etcd refused to promote a learner that is not in sync with the leader yet. */
    final class PromoteRefused extends EtcdAdminException {
        public PromoteRefused(String message) {
            super(message);
        }
    }
}
