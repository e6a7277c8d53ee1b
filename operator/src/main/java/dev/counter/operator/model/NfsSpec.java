package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An NFS export the user provides for etcd snapshots. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NfsSpec {

    @Required
    @JsonPropertyDescription(
            "NFS server, as an IP address or a host name the nodes can resolve (kubelets mount NFS"
                    + " without cluster DNS, so not a Service name).")
    private String server;

    @Required
    @Pattern("^/.*")
    @JsonPropertyDescription(
            "Exported path; UID/GID 10001 must be able to write to it, the snapshot Jobs run as"
                + " that user.")
    private String path;

    public NfsSpec() {}

    public NfsSpec(String server, String path) {
        this.server = server;
        this.path = path;
    }

    public String getServer() {
        return server;
    }

    public void setServer(String server) {
        this.server = server;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }
}
