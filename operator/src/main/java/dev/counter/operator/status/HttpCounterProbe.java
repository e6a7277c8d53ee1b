package dev.counter.operator.status;

import dev.counter.operator.workload.CounterContainer;
import dev.counter.operator.workload.Probes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /ready} of every pod in parallel over its pod IP, the way the kubelet's readiness
 * probe does. The reconcile thread waits at most {@link #DEADLINE}: a hanging pod costs one
 * reconcile two seconds, not the operator's throughput.
 */
public final class HttpCounterProbe implements CounterProbe {

    /** The kubelet gives the same probe 1 s (Probes.readiness). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    static final Duration DEADLINE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(HttpCounterProbe.class);

    private final HttpClient client =
            HttpClient.newBuilder()
                    .connectTimeout(REQUEST_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();

    @Override
    public List<PodReadiness> probe(List<Pod> pods) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, CompletableFuture<PodReadiness>> answers = new LinkedHashMap<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            readyUri(pod).ifPresent(uri -> answers.put(name, ask(name, uri)));
        }
        var readings = new ArrayList<PodReadiness>();
        answers.forEach(
                (pod, answer) -> {
                    try {
                        long left = Math.max(0, deadline - System.nanoTime());
                        readings.add(answer.get(left, TimeUnit.NANOSECONDS));
                    } catch (ExecutionException | TimeoutException e) {
                        answer.cancel(true);
                        // a pod that is starting or gone is normal; the others still count
                        log.debug("no readiness from pod {}: {}", pod, e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        answer.cancel(true);
                    }
                });
        return readings;
    }

    private CompletableFuture<PodReadiness> ask(String pod, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(
                        response -> {
                            try {
                                return PodReadiness.parse(
                                        pod, response.statusCode(), response.body());
                            } catch (IOException e) {
                                throw new IllegalStateException(
                                        "unexpected /ready answer: " + e.getMessage(), e);
                            }
                        });
    }

    /** Empty for a pod without an IP yet, or without the counter container's http port. */
    static Optional<URI> readyUri(Pod pod) {
        Optional<String> ip =
                Optional.ofNullable(pod.getStatus())
                        .map(status -> status.getPodIP())
                        .filter(address -> !address.isBlank());
        Optional<Integer> port =
                Optional.ofNullable(pod.getSpec()).stream()
                        .flatMap(spec -> spec.getContainers().stream())
                        .filter(c -> CounterContainer.NAME.equals(c.getName()))
                        .map(Container::getPorts)
                        .filter(Objects::nonNull)
                        .flatMap(List::stream)
                        .filter(p -> CounterContainer.HTTP_PORT_NAME.equals(p.getName()))
                        .map(ContainerPort::getContainerPort)
                        .findFirst();
        if (ip.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        String host = ip.get().contains(":") ? "[" + ip.get() + "]" : ip.get();
        return Optional.of(URI.create("http://" + host + ":" + port.get() + Probes.READINESS_PATH));
    }
}
