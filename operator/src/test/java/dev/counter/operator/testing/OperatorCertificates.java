package dev.counter.operator.testing;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.tls.CertificateAuthority;
import dev.counter.operator.tls.EtcdTlsContext;
import dev.counter.operator.tls.IssuedCertificate;
import dev.counter.operator.workload.EtcdTls;
import dev.counter.testkit.EtcdCluster;
import dev.counter.testkit.TempDirs;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The certificates the operator issues for a managed etcd ({@link EtcdTls}), as files for
 * processes standing in for the member pods and the counter pods, and as the Secrets the
 * operator's admin client reads.
 */
public final class OperatorCertificates implements AutoCloseable {
    private final Path dir;
    private final CertificateAuthority ca;
    private final IssuedCertificate client;

    private OperatorCertificates(Path dir, CertificateAuthority ca, IssuedCertificate client) {
        this.dir = dir;
        this.ca = ca;
        this.client = client;
    }

    /** A CA, the member certificate and the counter's client certificate for app {@code name}. */
    public static OperatorCertificates issue(String name) {
        CounterApp app = CounterApps.stored(name, Backend.ETCD);
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.create(EtcdTls.caSecret(app), now, Duration.ofDays(1));
        IssuedCertificate member = EtcdTls.memberCertificate(ca, app, now, Duration.ofDays(1));
        IssuedCertificate client = EtcdTls.clientCertificate(ca, app, now, Duration.ofDays(1));
        try {
            Path dir = Files.createTempDirectory("operator-certs-");
            write(dir.resolve("member"), ca, member);
            write(dir.resolve("client"), ca, client);
            return new OperatorCertificates(dir, ca, client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path secretDir, CertificateAuthority ca, IssuedCertificate cert) throws IOException {
        Files.createDirectories(secretDir);
        Files.writeString(secretDir.resolve(EtcdTlsContext.CA_CERT), ca.certificate().certificatePem());
        Files.writeString(secretDir.resolve(EtcdTlsContext.TLS_CERT), cert.certificatePem());
        Files.writeString(secretDir.resolve(EtcdTlsContext.TLS_KEY), cert.keyPem());
    }

    /** What the member pods mount from the server Secret. */
    public EtcdCluster.Tls members() {
        Path member = dir.resolve("member");
        return new EtcdCluster.Tls(member.resolve(EtcdTlsContext.CA_CERT), member.resolve(EtcdTlsContext.TLS_CERT),
                member.resolve(EtcdTlsContext.TLS_KEY));
    }

    /** The counter service's variables for the mounted client Secret, as the Deployment sets them. */
    public Map<String, String> counterEnv() {
        Path client = dir.resolve("client");
        return Map.of(
                "ETCD_CA_FILE", client.resolve(EtcdTlsContext.CA_CERT).toString(),
                "ETCD_CERT_FILE", client.resolve(EtcdTlsContext.TLS_CERT).toString(),
                "ETCD_KEY_FILE", client.resolve(EtcdTlsContext.TLS_KEY).toString());
    }

    /** The operator's admin client context, built from the Secrets as the reconciler builds it. */
    public SSLContext adminContext() {
        return EtcdTlsContext.sslContext(
                secret(Map.of(EtcdTlsContext.CA_CERT, ca.certificate().certificatePem(),
                        EtcdTlsContext.CA_KEY, ca.certificate().keyPem())),
                secret(Map.of(EtcdTlsContext.TLS_CERT, client.certificatePem(),
                        EtcdTlsContext.TLS_KEY, client.keyPem())));
    }

    /** As the API server returns it: base64 data. */
    private static Secret secret(Map<String, String> text) {
        var b = new SecretBuilder().withNewMetadata().withName("certs").endMetadata();
        text.forEach((k, v) -> b.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return b.build();
    }

    @Override
    public void close() {
        TempDirs.delete(dir);
    }
}
