package dev.counter.operator.workload;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.List;

/** Kubernetes probes: the counter service's health endpoints, and the shapes backends use. */
public final class Probes {

    public static final String LIVENESS_PATH = "/health";
    public static final String READINESS_PATH = "/ready";

    private Probes() {}

    /** Restarts a pod whose process hangs; tolerant, because a restart loses a memory counter. */
    public static Probe liveness() {
        return httpGet(LIVENESS_PATH, CounterContainer.HTTP_PORT_NAME, 10, 3);
    }

    /** Takes a pod out of the Service quickly when its backend is unreachable. */
    public static Probe readiness() {
        return httpGet(READINESS_PATH, CounterContainer.HTTP_PORT_NAME, 5, 2);
    }

    /**
     * An HTTP GET on a named container port. Every field the API server would default is stated, so
     * the desired probe equals the stored one.
     */
    public static Probe httpGet(String path, String portName, int periodSeconds, int failures) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString(portName))
                .withScheme("HTTP")
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(1)
                .withSuccessThreshold(1)
                .withFailureThreshold(failures)
                .build();
    }

    /** A command in the container; exit status 0 is healthy. */
    public static Probe exec(List<String> command, int periodSeconds, int failures) {
        return new ProbeBuilder()
                .withNewExec()
                .withCommand(command)
                .endExec()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(2)
                .withSuccessThreshold(1)
                .withFailureThreshold(failures)
                .build();
    }

    /** A TCP connection to a named container port. */
    public static Probe tcp(String portName, int periodSeconds, int failures) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString(portName))
                .endTcpSocket()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(1)
                .withSuccessThreshold(1)
                .withFailureThreshold(failures)
                .build();
    }
}
