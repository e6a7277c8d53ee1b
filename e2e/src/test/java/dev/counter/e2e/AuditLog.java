package dev.counter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

/** The API server's record of the operator's requests (the audit policy keeps only those). */
final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES =
            Set.of("create", "update", "patch", "delete", "deletecollection");

    /** One request: who (User-Agent: the operator process), what, and the answer's code. */
    record Request(
            String userAgent,
            String verb,
            String resource,
            String namespace,
            String name,
            int code) {
        /** Changes stored state: reviews (JOSDK's permission check at start) are questions. */
        boolean changesState() {
            return WRITES.contains(verb) && !resource.endsWith("reviews");
        }

        /** Leader election itself: every replica reads the Lease, the leader renews it. */
        boolean isLease() {
            return resource.equals("leases");
        }

        String describe() {
            return "%s %s %s/%s -> %d (%s)"
                    .formatted(verb, resource, namespace, name, code, userAgent);
        }
    }

    private AuditLog() {}

    static List<Request> read() {
        try {
            return Files.readAllLines(E2eCluster.plane().auditLog()).stream()
                    .filter(line -> !line.isBlank())
                    .map(AuditLog::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Request parse(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            JsonNode object = event.path("objectRef");
            return new Request(
                    event.path("userAgent").asText(""),
                    event.path("verb").asText(""),
                    object.path("resource").asText("")
                            + (object.has("subresource")
                                    ? "/" + object.path("subresource").asText()
                                    : ""),
                    object.path("namespace").asText(""),
                    object.path("name").asText(""),
                    event.path("responseStatus").path("code").asInt(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
