package dev.counter.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PEM files the etcd client authenticates with: the CA that signed the members' certificates
 * and, when the members ask for one ({@code --client-cert-auth}), this service's certificate and
 * its PKCS#8 key. Checked at start so that a missing mount exits with status 2 instead of
 * answering every request with 503.
 *
 * @param caFile the CA certificate(s) to trust ({@code ETCD_CA_FILE})
 * @param certFile the client certificate chain ({@code ETCD_CERT_FILE}), or empty
 * @param keyFile the client certificate's PKCS#8 private key ({@code ETCD_KEY_FILE}), or empty
 */
public record EtcdTlsFiles(Path caFile, Optional<Path> certFile, Optional<Path> keyFile) {

    public static final String CA = "ETCD_CA_FILE";
    public static final String CERT = "ETCD_CERT_FILE";
    public static final String KEY = "ETCD_KEY_FILE";

    /** Empty when none of the three variables is set: etcd is then spoken to in clear text. */
    static Optional<EtcdTlsFiles> from(Env env) {
        Optional<Path> ca = file(env, CA);
        Optional<Path> cert = file(env, CERT);
        Optional<Path> key = file(env, KEY);
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException(cert.isPresent()
                    ? CERT + " is set but " + KEY + " is not; a client certificate needs its private key"
                    : KEY + " is set but " + CERT + " is not; a private key needs its client certificate");
        }
        if (ca.isEmpty()) {
            if (cert.isPresent()) {
                // Without a CA the members' certificates could only be checked against the JVM's
                // public roots, which never sign a cluster's own etcd certificates.
                throw new ConfigException(CERT + " and " + KEY + " are set but " + CA
                        + " is not; set the CA that signed the etcd members' certificates");
            }
            return Optional.empty();
        }
        return Optional.of(new EtcdTlsFiles(ca.get(), cert, key));
    }

    private static Optional<Path> file(Env env, String name) {
        String raw = env.string(name, "");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(raw);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(name + ": cannot read \"" + raw + "\"; expected a readable PEM file");
        }
        return Optional.of(path);
    }
}
