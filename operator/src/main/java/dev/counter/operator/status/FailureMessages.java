package dev.counter.operator.status;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Short, user-facing text for a failed reconcile, for a condition message. */
public final class FailureMessages {

    private FailureMessages() {}

    public static String describe(Exception e) {
        // JOSDK may hand over the workflow's exception wrapped in another one
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregatedOperatorException aggregated
                    && !aggregated.getAggregatedExceptions().isEmpty()) {
                Map<String, Exception> byDependent =
                        new TreeMap<>(aggregated.getAggregatedExceptions());
                return byDependent.entrySet().stream()
                        .map(entry -> entry.getKey() + ": " + rootMessage(entry.getValue()))
                        .collect(Collectors.joining("; "));
            }
        }
        return rootMessage(e);
    }

    /** The API server's own message when there is one: it names the offending field. */
    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException kce) {
                return Optional.ofNullable(kce.getStatus())
                        .map(status -> status.getMessage())
                        .filter(message -> !message.isBlank())
                        .orElse(String.valueOf(kce.getMessage()));
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
