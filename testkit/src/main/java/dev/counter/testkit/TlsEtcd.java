package dev.counter.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One real etcd member serving clients over TLS with {@code --client-cert-auth}, as the operator
 * runs it; its health is read on the plain-http metrics listener, as the pod's probes read it.
 */
public final class TlsEtcd implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path dataDir;
    private final int clientPort = FreePort.pick();
    private final int metricsPort = FreePort.pick();
    private final int peerPort = FreePort.pick();
    private final Path caCert;
    private ChildProcess process;

    private TlsEtcd(Path caCert, List<Path> serverCert) throws IOException {
        this.dataDir = Files.createTempDirectory("etcd-tls-");
        this.caCert = caCert;
        run(serverCert);
    }

    /** Stops the member and starts it again on its data with {@code serverCert}: a renewal. */
    public void restartWith(List<Path> serverCert) {
        process.close();
        run(serverCert);
    }

    private void run(List<Path> serverCert) {
        String client = "https://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        this.process = ChildProcess.start("etcd-tls", List.of(Binaries.require("etcd", "etcd-server"),
                "--name", "tls0", "--data-dir", dataDir.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "tls0=" + peer,
                "--listen-metrics-urls", "http://127.0.0.1:" + metricsPort,
                "--cert-file", serverCert.get(0).toString(), "--key-file", serverCert.get(1).toString(),
                "--trusted-ca-file", caCert.toString(), "--client-cert-auth"), Map.of());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(this::healthy);
    }

    /** Started with a server certificate {@code certs} issues; returns once etcd is healthy. */
    public static TlsEtcd start(TestCertificates certs) {
        return start(certs, certs.issue("etcd-server"));
    }

    public static TlsEtcd start(TestCertificates certs, List<Path> serverCert) {
        return start(certs.caCert(), serverCert);
    }

    /** Trusting client certificates signed by {@code caCert}; {@code serverCert} is [cert, key]. */
    public static TlsEtcd start(Path caCert, List<Path> serverCert) {
        try {
            return new TlsEtcd(caCert, serverCert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "https://127.0.0.1:" + clientPort;
    }

    private boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException("etcd exited: " + process.output());
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/health")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
        TempDirs.delete(dataDir);
    }
}
