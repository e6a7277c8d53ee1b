package dev.counter.app.config;

/** Where this process runs, from the Kubernetes downward API (the etcd seed's variable names). */
public record PodIdentity(String podName, String nodeName, String namespace) {
}
