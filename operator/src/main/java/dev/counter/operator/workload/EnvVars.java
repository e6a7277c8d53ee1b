package dev.counter.operator.workload;

import dev.counter.operator.model.SecretKeyRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/** Container environment variables of the three kinds the operator uses. */
public final class EnvVars {

    private EnvVars() {}

    public static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /** A variable from the downward API, e.g. {@code metadata.name}. */
    public static EnvVar fieldRef(String name, String fieldPath) {
        // apiVersion is what the API server would default; stating it keeps desired == actual.
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withApiVersion("v1")
                .withFieldPath(fieldPath)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    /** A variable read from a Secret key when the container starts. */
    public static EnvVar fromSecret(String name, SecretKeyRef secret) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secret.getName())
                .withKey(secret.getKey())
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }
}
