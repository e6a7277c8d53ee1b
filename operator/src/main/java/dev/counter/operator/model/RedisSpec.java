package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Redis of backend redis: an external server ({@code url}) or, without one, a Redis the operator
 * runs (a single-replica StatefulSet with a generated password).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.passwordSecretRef) || has(self.url)",
        message = RedisSpec.SECRET_REF_NEEDS_URL_MESSAGE,
        fieldPath = ".passwordSecretRef",
        reason = "FieldValueForbidden")
@ValidationRule(
        value =
                "!has(self.url) || !has(self.persistence) || !has(self.persistence.enabled)"
                        + " || !self.persistence.enabled",
        message = RedisSpec.PERSISTENCE_NEEDS_MANAGED_MESSAGE,
        fieldPath = ".persistence",
        reason = "FieldValueForbidden")
public class RedisSpec {

    public static final String SECRET_REF_NEEDS_URL_MESSAGE =
            "redis.passwordSecretRef is the password of an external Redis and needs redis.url; the"
                    + " operator generates the password of the Redis it runs";
    public static final String PERSISTENCE_NEEDS_MANAGED_MESSAGE =
            "redis.persistence applies to the Redis the operator runs, not to an external one"
                    + " (redis.url)";

    /** The CRD default of {@link #resources}; the operator applies the same when it is absent. */
    public static final String DEFAULT_RESOURCES_JSON =
            "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},"
                    + "\"limits\":{\"cpu\":\"1\",\"memory\":\"256Mi\"}}";

    @Pattern("^rediss?://.+")
    @JsonPropertyDescription(
            "URL of an external Redis server (redis://host:6379 or rediss:// for TLS), passed to"
                + " the pods as REDIS_URL. When unset, the operator runs Redis itself.")
    private String url;

    @JsonPropertyDescription(
            "Secret key holding the password of the external Redis; the pods get it as"
                + " REDIS_PASSWORD and REDIS_URL refers to it, so it never appears in a ConfigMap."
                + " The password must be URL-safe. Only with url.")
    private SecretKeyRef passwordSecretRef;

    @Default("{}")
    @JsonPropertyDescription("Persistence of the Redis the operator runs.")
    private PersistenceSpec persistence = new PersistenceSpec();

    @Default(DEFAULT_RESOURCES_JSON)
    @SchemaFrom(type = ResourcesSchema.class)
    @JsonPropertyDescription(
            "Compute resources of the Redis the operator runs. Default: requests cpu 100m, memory"
                    + " 128Mi; limits cpu 1, memory 256Mi.")
    private ResourceRequirements resources;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public SecretKeyRef getPasswordSecretRef() {
        return passwordSecretRef;
    }

    public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) {
        this.passwordSecretRef = passwordSecretRef;
    }

    public PersistenceSpec getPersistence() {
        return persistence;
    }

    public void setPersistence(PersistenceSpec persistence) {
        this.persistence = persistence;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
