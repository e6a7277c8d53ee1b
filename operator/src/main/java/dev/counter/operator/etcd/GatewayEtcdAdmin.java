package dev.counter.operator.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@link EtcdAdmin} over etcd's gRPC-gateway JSON: jetcd needs another Netty/Vert.x than the
 * operator's fabric8 client, and the gateway is served on every member's client port.
 */
public final class GatewayEtcdAdmin implements EtcdAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_IN_SYNC = "can only promote a learner member which is in sync";

    private final List<URI> clientUrls;
    private final Duration deadline;
    private final HttpClient http;
    // Mutations go to the member that last answered a read, so a dead first URL does not block them.
    private volatile URI preferred;

    public GatewayEtcdAdmin(List<URI> clientUrls, Optional<SSLContext> tls, Duration deadline) {
        if (clientUrls.isEmpty()) {
            throw new IllegalArgumentException("no etcd client URL");
        }
        this.clientUrls = List.copyOf(clientUrls);
        this.preferred = clientUrls.get(0);
        this.deadline = deadline;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(deadline);
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    @Override
    public List<EtcdMember> members() throws EtcdAdminException {
        // Linearizable, so a partitioned member without a leader does not answer a stale list.
        JsonNode body = readFromAny("/v3/cluster/member/list", JSON.createObjectNode().put("linearizable", true));
        List<EtcdMember> members = new ArrayList<>();
        for (JsonNode m : body.path("members")) {
            members.add(member(m));
        }
        return members;
    }

    @Override
    public EtcdMember addLearner(String peerUrl) throws EtcdAdminException {
        ObjectNode request = JSON.createObjectNode().put("isLearner", true);
        request.putArray("peerURLs").add(peerUrl);
        return member(mutate(preferred, "/v3/cluster/member/add", request).path("member"));
    }

    @Override
    public void promote(long memberId) throws EtcdAdminException {
        try {
            mutate(preferred, "/v3/cluster/member/promote", idRequest("ID", memberId));
        } catch (EtcdAdminException e) {
            if (e.getMessage().contains(NOT_IN_SYNC)) {
                throw new PromoteRefused(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public void remove(long memberId) throws EtcdAdminException {
        mutate(preferred, "/v3/cluster/member/remove", idRequest("ID", memberId));
    }

    @Override
    public EndpointStatus status(URI clientUrl) throws EtcdAdminException {
        JsonNode s = post(clientUrl, "/v3/maintenance/status", JSON.createObjectNode(), false);
        List<String> errors = new ArrayList<>();
        s.path("errors").forEach(e -> errors.add(e.asText()));
        return new EndpointStatus(
                clientUrl.toString(),
                uint64(s.path("header").path("member_id")),
                uint64(s.path("leader")),
                uint64(s.path("raftIndex")),
                uint64(s.path("raftAppliedIndex")),
                s.path("version").asText(""),
                s.path("isLearner").asBoolean(false),
                uint64(s.path("dbSize")),
                errors);
    }

    @Override
    public void moveLeader(URI leaderClientUrl, long targetId) throws EtcdAdminException {
        mutate(leaderClientUrl, "/v3/maintenance/transfer-leadership", idRequest("targetID", targetId));
    }

    @Override
    public void close() {
        // java.net.http.HttpClient of Java 17 has no close; its threads end with the references.
    }

    private JsonNode readFromAny(String path, ObjectNode request) throws EtcdAdminException {
        EtcdAdminException last = null;
        for (URI url : clientUrls) {
            try {
                JsonNode body = post(url, path, request, false);
                preferred = url;
                return body;
            } catch (EtcdAdminException e) {
                last = e;
            }
        }
        throw last;
    }

    private JsonNode mutate(URI url, String path, ObjectNode request) throws EtcdAdminException {
        return post(url, path, request, true);
    }

    private JsonNode post(URI base, String path, ObjectNode request, boolean mutation)
            throws EtcdAdminException {
        URI uri = base.resolve(path);
        HttpRequest httpRequest =
                HttpRequest.newBuilder(uri)
                        .timeout(deadline)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new EtcdAdminException(
                    uri + " did not answer within " + deadline + (mutation ? ": its effect is unknown" : ""), e);
        } catch (IOException e) {
            throw new EtcdAdminException(
                    uri + " failed: " + e + (mutation ? " (its effect is unknown)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdAdminException(uri + " interrupted", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new EtcdAdminException(uri + " answered " + response.statusCode() + " with no JSON: " + response.body(), e);
        }
        if (response.statusCode() != 200 || body.has("error")) {
            throw new EtcdAdminException(
                    uri + " answered " + response.statusCode() + " (gRPC code " + body.path("code").asInt()
                            + "): " + body.path("message").asText(response.body()));
        }
        return body;
    }

    private static ObjectNode idRequest(String field, long id) {
        return JSON.createObjectNode().put(field, Long.toUnsignedString(id));
    }

    private static EtcdMember member(JsonNode m) {
        return new EtcdMember(
                uint64(m.path("ID")),
                m.path("name").asText(""),
                strings(m.path("peerURLs")),
                strings(m.path("clientURLs")),
                m.path("isLearner").asBoolean(false));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // The gateway prints uint64 as JSON strings; ids above Long.MAX_VALUE are common.
    private static long uint64(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? 0 : Long.parseUnsignedLong(n.asText());
    }
}
