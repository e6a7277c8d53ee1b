package dev.counter.app.http;

import dev.counter.app.metrics.RouteMeters;
import io.undertow.util.HttpString;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One path with the methods it accepts.
 *
 * @param servedWhileDraining probes and metrics keep answering during shutdown so that the kubelet
 *     sees the pod turn unready instead of a refused connection
 */
record Route(String path, Set<HttpString> methods, Endpoint endpoint, RouteMeters metrics,
        boolean servedWhileDraining) {

    String allowHeader() {
        return methods.stream().map(HttpString::toString).sorted().collect(Collectors.joining(", "));
    }
}
