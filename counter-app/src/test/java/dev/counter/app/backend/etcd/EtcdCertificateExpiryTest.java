package dev.counter.app.backend.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.config.EtcdTlsFiles;
import dev.counter.app.config.IncrementRoute;
import dev.counter.testkit.TestCertificates;
import dev.counter.testkit.TlsEtcd;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Certificates that expire while the service runs. TLS checks validity at the handshake only, so
 * the expiry bites when a connection is made again, here after the member restarts.
 */
class EtcdCertificateExpiryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void anExpiredCertificateIsUnavailableNeverAValueAndRenewalRecovers() throws Exception {
        TestCertificates certs = TestCertificates.newCa("expiry-ca");
        Instant notAfter = Instant.now().plusSeconds(8);
        List<Path> server = certs.issue("short-server", Instant.now().minusSeconds(60), notAfter);
        List<Path> client = certs.issue("short-client", Instant.now().minusSeconds(60), notAfter);
        String key = "expiry-" + UUID.randomUUID();
        try (TlsEtcd etcd = TlsEtcd.start(certs, server)) {
            List<URI> endpoints = List.of(URI.create(etcd.endpoint()));
            try (EtcdBackend before = new EtcdBackend(endpoints, Optional.of(files(certs, client)), key, TIMEOUT,
                    IncrementRoute.COMBINE)) {
                assertEquals(1, before.incrementBy(1).get(10, TimeUnit.SECONDS));
                waitPast(notAfter);
                etcd.restartWith(server);
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> before.incrementBy(1).get(10, TimeUnit.SECONDS));
                assertInstanceOf(BackendUnavailableException.class, e.getCause(), String.valueOf(e.getCause()));
            }
            etcd.restartWith(certs.issue("renewed-server"));
            try (EtcdBackend after = new EtcdBackend(endpoints, Optional.of(files(certs, certs.issue("renewed-client"))),
                    key, TIMEOUT, IncrementRoute.COMBINE)) {
                assertEquals(2, after.incrementBy(1).get(10, TimeUnit.SECONDS),
                        "the increment refused while expired was never applied");
            }
        } finally {
            certs.delete();
        }
    }

    private static EtcdTlsFiles files(TestCertificates certs, List<Path> client) {
        return new EtcdTlsFiles(certs.caCert(), Optional.of(client.get(0)), Optional.of(client.get(1)));
    }

    private static void waitPast(Instant instant) throws InterruptedException {
        while (!Instant.now().isAfter(instant.plusSeconds(1))) {
            Thread.sleep(200);
        }
    }
}
