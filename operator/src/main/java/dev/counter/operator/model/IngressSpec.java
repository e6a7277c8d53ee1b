package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** An optional Ingress routing HTTP traffic for one host to the counter Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.enabled) || !self.enabled || (has(self.host) && size(self.host) > 0)",
        message = IngressSpec.HOST_REQUIRED_MESSAGE,
        fieldPath = ".host",
        reason = "FieldValueRequired")
public class IngressSpec {

    public static final String HOST_REQUIRED_MESSAGE =
            "ingress.host is required when ingress is enabled";

    /** A DNS name, optionally with a leading wildcard label, as the Ingress API accepts. */
    static final String HOST_PATTERN =
            "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    @Default("false")
    @JsonPropertyDescription("Create an Ingress for the counter. Disabling it deletes the Ingress.")
    private Boolean enabled = false;

    @Pattern(HOST_PATTERN)
    @JsonPropertyDescription("Host name the Ingress answers for; required when enabled.")
    private String host;

    @Default("/")
    @Pattern("^/.*")
    @JsonPropertyDescription("Path prefix routed to the counter.")
    private String path = "/";

    @JsonPropertyDescription("IngressClass to use; the cluster default class when unset.")
    private String className;

    @JsonPropertyDescription(
            "Secret (in the same namespace) holding the TLS certificate for host; no TLS when"
                + " unset.")
    private String tlsSecretName;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    public String getTlsSecretName() {
        return tlsSecretName;
    }

    public void setTlsSecretName(String tlsSecretName) {
        this.tlsSecretName = tlsSecretName;
    }
}
