package dev.counter.operator.model;

/** The Kubernetes Service types the operator supports for exposing the counter. */
public enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer
}
