package dev.counter.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.counter.testkit.TempDirs;
import dev.counter.testkit.TlsEtcd;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The operator's admin TLS context against a real etcd run with the operator's certificates. */
class EtcdTlsContextTest {

    @Test
    void theClientCertificateReachesTheMaintenanceApi() throws Exception {
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.create("app-etcd-ca", now, Duration.ofDays(1));
        IssuedCertificate server = ca.issue("app-etcd", EtcdCertificateNames.dnsNames("ns", "p", "c"),
                EtcdCertificateNames.ipAddresses(), true, true, now, Duration.ofDays(1));
        IssuedCertificate client = ca.issue("app-operator", List.of(), List.of(), false, true, now, Duration.ofDays(1));
        Path dir = Files.createTempDirectory("operator-tls-");
        Path caFile = Files.writeString(dir.resolve("ca.crt"), ca.certificate().certificatePem());
        Path cert = Files.writeString(dir.resolve("tls.crt"), server.certificatePem());
        Path key = Files.writeString(dir.resolve("tls.key"), server.keyPem());
        Secret caSecret = secret("app-etcd-ca", Map.of(EtcdTlsContext.CA_CERT, ca.certificate().certificatePem(),
                EtcdTlsContext.CA_KEY, ca.certificate().keyPem()));
        Secret clientSecret = secret("app-etcd-client", Map.of(EtcdTlsContext.TLS_CERT, client.certificatePem(),
                EtcdTlsContext.TLS_KEY, client.keyPem()));
        try (TlsEtcd etcd = TlsEtcd.start(caFile, List.of(cert, key))) {
            HttpResponse<String> r = status(EtcdTlsContext.sslContext(caSecret, clientSecret), etcd);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"version\"");

            assertThatThrownBy(() -> status(trustingOnly(ca), etcd))
                    .as("etcd runs with --client-cert-auth")
                    .isInstanceOf(IOException.class);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static SSLContext trustingOnly(CertificateAuthority ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static HttpResponse<String> status(SSLContext ssl, TlsEtcd etcd) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/v3/maintenance/status"))
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** As the API server returns it: base64 data. */
    private static Secret secret(String name, Map<String, String> text) {
        var b = new SecretBuilder().withNewMetadata().withName(name).endMetadata();
        text.forEach((k, v) -> b.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return b.build();
    }
}
