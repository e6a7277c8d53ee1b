package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.tls.CertificateAuthority;
import dev.counter.operator.tls.EtcdTlsContext;
import dev.counter.operator.tls.IssuedCertificate;
import dev.counter.testkit.Binaries;
import dev.counter.testkit.ChildProcess;
import dev.counter.testkit.FreePort;
import dev.counter.testkit.TempDirs;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real etcd member run with exactly the flags and certificates the operator makes: TLS for
 * clients and peers, health on the plain metrics listener, the admin SSLContext accepted.
 */
class EtcdTlsMemberTest {

    @Test
    void aMemberRunsWithTheOperatorsFlagsAndCertificates() throws Exception {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.create(EtcdTls.caSecret(app), now, Duration.ofDays(1));
        IssuedCertificate member = EtcdTls.memberCertificate(ca, app, now, Duration.ofDays(1));
        IssuedCertificate client = EtcdTls.clientCertificate(ca, app, now, Duration.ofDays(1));
        Path dir = Files.createTempDirectory("member-tls-");
        Files.writeString(dir.resolve(EtcdTlsContext.CA_CERT), ca.certificate().certificatePem());
        Files.writeString(dir.resolve(EtcdTlsContext.TLS_CERT), member.certificatePem());
        Files.writeString(dir.resolve(EtcdTlsContext.TLS_KEY), member.keyPem());
        int clientPort = FreePort.pick();
        int peerPort = FreePort.pick();
        int metricsPort = FreePort.pick();
        String clientUrl = "https://127.0.0.1:" + clientPort;
        String peerUrl = "https://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>(List.of(Binaries.require("etcd", "etcd-server"),
                "--name=m0", "--data-dir=" + dir.resolve("data"),
                "--listen-client-urls=" + clientUrl, "--advertise-client-urls=" + clientUrl,
                "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=m0=" + peerUrl));
        command.addAll(EtcdTls.memberArgs(dir.toString(), metricsPort));
        HttpClient plain = HttpClient.newHttpClient();
        try (ChildProcess etcd = ChildProcess.start("etcd-member-tls", command, Map.of())) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(etcd.isAlive()).as(etcd::output).isTrue();
                try {
                    return plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/health"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"true\"");
                } catch (IOException e) {
                    return false;
                }
            });
            HttpClient admin = HttpClient.newBuilder().sslContext(EtcdTlsContext.sslContext(
                    secret(EtcdTlsContext.CA_CERT, ca.certificate().certificatePem()),
                    secret(EtcdTlsContext.TLS_CERT, client.certificatePem(), EtcdTlsContext.TLS_KEY,
                            client.keyPem()))).build();
            HttpResponse<String> status = admin.send(HttpRequest.newBuilder(
                    URI.create(clientUrl + "/v3/maintenance/status")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"leader\"");
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static Secret secret(String... keyValues) {
        var b = new SecretBuilder().withNewMetadata().withName("s").endMetadata();
        for (int i = 0; i < keyValues.length; i += 2) {
            b.addToStringData(keyValues[i], keyValues[i + 1]);
        }
        return b.build();
    }
}
