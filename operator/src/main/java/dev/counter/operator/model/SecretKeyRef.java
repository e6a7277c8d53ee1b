package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the CounterApp's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

    public static final String DEFAULT_KEY = "password";

    @Required
    @JsonPropertyDescription("Name of the Secret, in the CounterApp's namespace.")
    private String name;

    @Default(DEFAULT_KEY)
    @JsonPropertyDescription("Key in the Secret whose value is the password.")
    private String key = DEFAULT_KEY;

    public SecretKeyRef() {}

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
