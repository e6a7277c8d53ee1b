package dev.counter.operator.workload;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdTlsSpec;
import dev.counter.operator.tls.EtcdTlsContext;
import dev.counter.operator.tls.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The user's Secret for TLS to an external etcd ({@code spec.etcd.tls.secretName}): whether the
 * counter pods can start with it, and the pod template annotations whose change rolls them when its
 * content changes (the service reads its certificates only at start).
 */
public final class ExternalEtcdSecret {

    /** The CA's annotation: a CA rotation with the same client certificate rolls the pods too. */
    public static final String CA_ANNOTATION = "counter.dev/etcd-ca-sha256";

    /** The key under which the reconciler hands the annotations to the Deployment dependent. */
    public static final String ANNOTATIONS_KEY = "etcd-tls-annotations";

    private ExternalEtcdSecret() {}

    /** The Secret an external etcd CounterApp names, if it asks for TLS. */
    public static Optional<String> name(CounterAppSpec spec) {
        if (spec == null || !Backends.externalEtcd(spec)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Backends.etcd(spec).getTls())
                .map(EtcdTlsSpec::getSecretName)
                .filter(name -> !name.isBlank());
    }

    /**
     * What is wrong with the Secret, in words for the status and the Warning event; empty when the
     * counter can start with it.
     */
    public static Optional<String> problem(String name, Optional<Secret> secret) {
        if (secret.isEmpty()) {
            return Optional.of("Secret " + name + " (spec.etcd.tls.secretName) does not exist;"
                    + " create it with ca.crt, tls.crt and tls.key");
        }
        for (String key : new String[] {EtcdTlsContext.CA_CERT, EtcdTlsContext.TLS_CERT,
                EtcdTlsContext.TLS_KEY}) {
            if (text(secret.get(), key).isEmpty()) {
                return Optional.of("Secret " + name + " (spec.etcd.tls.secretName) has no " + key
                        + "; it needs ca.crt, tls.crt and tls.key");
            }
        }
        try {
            Pem.parseCertificate(text(secret.get(), EtcdTlsContext.CA_CERT).orElseThrow());
        } catch (IllegalArgumentException e) {
            return Optional.of("Secret " + name + ": ca.crt is " + e.getMessage());
        }
        try {
            Pem.parseCertificate(text(secret.get(), EtcdTlsContext.TLS_CERT).orElseThrow());
        } catch (IllegalArgumentException e) {
            return Optional.of("Secret " + name + ": tls.crt is " + e.getMessage());
        }
        try {
            Pem.parsePkcs8(text(secret.get(), EtcdTlsContext.TLS_KEY).orElseThrow());
        } catch (IllegalArgumentException e) {
            return Optional.of("Secret " + name + ": tls.key is " + e.getMessage()
                    + "; convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        return Optional.empty();
    }

    /** The annotations of a Secret {@link #problem} accepts. */
    public static Map<String, String> annotations(Secret secret) {
        var annotations = new TreeMap<String, String>();
        annotations.put(EtcdTls.CLIENT_CERT_ANNOTATION, EtcdTls.fingerprint(
                Pem.parseCertificate(text(secret, EtcdTlsContext.TLS_CERT).orElseThrow())));
        annotations.put(CA_ANNOTATION, sha256(text(secret, EtcdTlsContext.CA_CERT).orElseThrow()));
        return annotations;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** A key from {@code data} (as the API serves it) or {@code stringData}; blank is absent. */
    private static Optional<String> text(Secret secret, String key) {
        String value = null;
        if (secret.getData() != null && secret.getData().get(key) != null) {
            value = new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        } else if (secret.getStringData() != null) {
            value = secret.getStringData().get(key);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
