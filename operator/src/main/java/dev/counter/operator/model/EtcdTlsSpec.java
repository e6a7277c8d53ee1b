package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * Mutual TLS to etcd: with certificates the operator makes (the cluster it runs), or with a Secret
 * the user keeps (an external cluster).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EtcdTlsSpec {

    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription(
            "External etcd only: Secret in the CounterApp's namespace with ca.crt (the CA that signed the members),"
                    + " tls.crt and tls.key (the counter's client certificate and its PKCS#8 PEM"
                    + " key). A change of its content rolls the counter pods.")
    private String secretName;

    public EtcdTlsSpec() {}

    public EtcdTlsSpec(String secretName) {
        this.secretName = secretName;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }
}
