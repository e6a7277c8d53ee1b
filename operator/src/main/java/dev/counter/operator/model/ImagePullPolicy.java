package dev.counter.operator.model;

/** The container image pull policies Kubernetes accepts. */
public enum ImagePullPolicy {
    Always,
    IfNotPresent,
    Never
}
