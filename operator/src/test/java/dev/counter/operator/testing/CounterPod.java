package dev.counter.operator.testing;

import com.sun.net.httpserver.HttpServer;
import dev.counter.operator.workload.CounterContainer;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Probes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A counter pod in the mock API whose {@code /ready} is a local HTTP server: the pod's IP is
 * 127.0.0.1 and its container port named http is the server's port. The bodies are counter-app's,
 * byte for byte (the operator must not depend on counter-app).
 */
public final class CounterPod implements AutoCloseable {

    private record Answer(int status, String body) {}

    private final HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final String name;
    private final String backend;

    private CounterPod(String name, String backend) throws IOException {
        this.name = name;
        this.backend = backend;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                Probes.READINESS_PATH,
                exchange -> {
                    requests.incrementAndGet();
                    Answer now = answer.get();
                    byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(now.status(), body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
    }

    /**
     * Starts the server and creates the pod of CounterApp {@code app}, answering ready.
     *
     * @param backend redis or etcd, as the pod's answers name it
     */
    public static CounterPod start(
            KubernetesClient client, String app, String backend, String name, long mark) {
        var pod = serve(backend, name, mark);
        client.resource(pod(app, name, "127.0.0.1", pod.port())).create();
        return pod;
    }

    /** Only the server, answering ready, for tests without an API. */
    public static CounterPod serve(String backend, String name, long mark) {
        try {
            var pod = new CounterPod(name, backend);
            pod.ready(mark);
            return pod;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pod of {@code app} as the Deployment controller would make it; {@code ip} may be null. */
    public static Pod pod(String app, String name, String ip, int port) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(CounterApps.NAMESPACE)
                .addToLabels(Labels.NAME, Labels.COUNTER_APP)
                .addToLabels(Labels.INSTANCE, app)
                .addToLabels(Labels.COMPONENT, Labels.SERVER_COMPONENT)
                .addToLabels(Labels.PART_OF, Labels.COUNTER_APP)
                .addToLabels(Labels.MANAGED_BY, Labels.OPERATOR)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(CounterContainer.NAME)
                .withImage("counter-app")
                .addNewPort()
                .withName(CounterContainer.HTTP_PORT_NAME)
                .withContainerPort(port)
                .endPort()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPodIP(ip)
                .endStatus()
                .build();
    }

    public void ready(long mark) {
        answer.set(
                new Answer(
                        200,
                        "{\"status\":\"ready\",\"backend\":\""
                                + backend
                                + "\",\"highWaterMark\":"
                                + mark
                                + "}"));
    }

    /** The store has no counter although {@code handedOut} was handed out. */
    public void lost(long handedOut, long mark) {
        notReady(
                "counter state lost: the store has no counter, but %d was handed out; resume above %d"
                        .formatted(handedOut, handedOut),
                mark);
    }

    public void unusable(long mark) {
        notReady("stored value unusable: counter/base holds \\\"garbage\\\", not a number", mark);
    }

    public void backendUnavailable(long mark) {
        notReady("backend unavailable", mark);
    }

    private void notReady(String reason, long mark) {
        answer.set(
                new Answer(
                        503,
                        "{\"status\":\"not ready\",\"backend\":\""
                                + backend
                                + "\",\"reason\":\""
                                + reason
                                + "\",\"highWaterMark\":"
                                + mark
                                + "}"));
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code /ready} requests served so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
