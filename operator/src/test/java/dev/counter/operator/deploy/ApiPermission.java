package dev.counter.operator.deploy;

import dev.counter.operator.testing.RecordingDispatcher.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** One RBAC permission: (API group, resource or resource/subresource, verb). */
record ApiPermission(String group, String resource, String verb)
        implements Comparable<ApiPermission> {

    static ApiPermission of(Class<? extends HasMetadata> type, String verb) {
        return new ApiPermission(HasMetadata.getGroup(type), HasMetadata.getPlural(type), verb);
    }

    /**
     * The permission an API request needs, from its method and path, as the API server's authorizer
     * sees it: {@code /api/v1/namespaces/ns/configmaps/x} → ("", configmaps, get).
     */
    static ApiPermission of(Request request) {
        URI uri = URI.create(request.path());
        List<String> parts =
                Arrays.stream(uri.getPath().split("/")).filter(p -> !p.isEmpty()).toList();
        boolean core = parts.get(0).equals("api");
        String group = core ? "" : parts.get(1);
        List<String> rest = parts.subList(core ? 2 : 3, parts.size());
        if (rest.size() >= 2 && rest.get(0).equals("namespaces") && rest.size() > 2) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.size() >= 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
        boolean named = rest.size() >= 2;
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String verb =
                switch (request.method()) {
                    case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
                    case "POST" -> "create";
                    case "PUT" -> "update";
                    case "PATCH" -> "patch";
                    case "DELETE" -> named ? "delete" : "deletecollection";
                    default -> throw new IllegalArgumentException(request.toString());
                };
        return new ApiPermission(group, resource, verb);
    }

    @Override
    public int compareTo(ApiPermission o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb;
    }
}
