package dev.counter.operator.etcd;

/**
 * The one thing to do next for the etcd cluster to reach its target. {@link #reason()} is the
 * {@code Progressing}/{@code Degraded} condition reason, {@link #message()} the human text for
 * the condition and the Event.
 */
public sealed interface MembershipStep {

    String reason();

    String message();

    /** Nothing to do: size, versions and health match the spec. */
    record Steady(String message) implements MembershipStep {
        public String reason() {
            return "Steady";
        }
    }

    /** Something is in progress that only time finishes (a learner catching up, a pod starting). */
    record Wait(String reason, String message) implements MembershipStep {}

    /** Add ordinal {@code ordinal} to etcd as a learner before its pod exists. */
    record AddLearner(int ordinal, String peerUrl) implements MembershipStep {
        public String reason() {
            return "AddingLearner";
        }

        public String message() {
            return "adding member " + ordinal + " as a learner (" + peerUrl + ")";
        }
    }

    /** Grow the StatefulSet to {@code replicas} so the added learner's pod starts. */
    record StartMember(int ordinal, int replicas) implements MembershipStep {
        public String reason() {
            return "StartingMember";
        }

        public String message() {
            return "starting member " + ordinal + " (StatefulSet replicas " + replicas + ")";
        }
    }

    /** The learner has caught up: make it a voting member. */
    record Promote(int ordinal, long memberId) implements MembershipStep {
        public String reason() {
            return "PromotingLearner";
        }

        public String message() {
            return "promoting learner " + ordinal + " (" + Long.toHexString(memberId) + ")";
        }
    }

    /** Leadership leaves ordinal {@code fromOrdinal} before that member is removed or restarted. */
    record MoveLeader(int fromOrdinal, long fromId, long toId) implements MembershipStep {
        public String reason() {
            return "MovingLeader";
        }

        public String message() {
            return "moving leadership away from member "
                    + fromOrdinal
                    + " to "
                    + Long.toHexString(toId);
        }
    }

    /**
     * Remove ordinal {@code ordinal} from etcd: scale-down (before the StatefulSet shrinks) or
     * repair of a member whose data is gone ({@code repair}).
     */
    record RemoveMember(int ordinal, long memberId, boolean repair) implements MembershipStep {
        public String reason() {
            return repair ? "RepairingMember" : "RemovingMember";
        }

        public String message() {
            return repair
                    ? "member "
                            + ordinal
                            + " lost its data: removing its old id "
                            + Long.toHexString(memberId)
                            + " to add it again"
                    : "removing member " + ordinal + " (" + Long.toHexString(memberId) + ")";
        }
    }

    /** The removed members' pods go: shrink the StatefulSet to {@code replicas}. */
    record ShrinkStatefulSet(int replicas) implements MembershipStep {
        public String reason() {
            return "ShrinkingStatefulSet";
        }

        public String message() {
            return "StatefulSet replicas down to " + replicas;
        }
    }

    /**
     * Delete ordinal {@code ordinal}'s pod so it comes back with the current template (rolling
     * upgrade under {@code OnDelete}) or joins again with a fresh id (repair).
     */
    record RestartMember(int ordinal, String why) implements MembershipStep {
        public String reason() {
            return "RestartingMember";
        }

        public String message() {
            return "restarting member " + ordinal + ": " + why;
        }
    }

    /** Fewer than a quorum of voters are healthy: nothing is changed, the message says how to restore. */
    record QuorumLost(String message) implements MembershipStep {
        public String reason() {
            return "QuorumLost";
        }
    }
}
