package dev.counter.operator.etcd;

/** The Kubernetes side of a membership step: the etcd StatefulSet and its pods. */
public interface MemberWorkload {

    /** Sets the StatefulSet's replicas (grow for an added learner, shrink after removals). */
    void scaleTo(int replicas);

    /** Deletes ordinal {@code ordinal}'s pod so it starts again (new template, or a fresh member id). */
    void restart(int ordinal);
}
