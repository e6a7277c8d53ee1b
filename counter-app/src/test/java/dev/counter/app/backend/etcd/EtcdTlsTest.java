package dev.counter.app.backend.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.config.ConfigException;
import dev.counter.app.config.EtcdTlsFiles;
import dev.counter.app.config.IncrementRoute;
import dev.counter.testkit.TestCertificates;
import dev.counter.testkit.TlsEtcd;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The etcd backend against a real etcd that serves TLS only and demands client certificates. */
class EtcdTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static TestCertificates certs;
    private static TestCertificates otherCa;
    private static TlsEtcd etcd;

    @BeforeAll
    static void startEtcd() {
        certs = TestCertificates.newCa("etcd-ca");
        otherCa = TestCertificates.newCa("another-ca");
        etcd = TlsEtcd.start(certs);
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
        certs.delete();
        otherCa.delete();
    }

    private static EtcdBackend backend(EtcdTlsFiles files) {
        return new EtcdBackend(List.of(URI.create(etcd.endpoint())), Optional.of(files), "tls-" + UUID.randomUUID(),
                TIMEOUT, IncrementRoute.COMBINE);
    }

    @Test
    void incrementsOverHttpsWithAClientCertificate() throws Exception {
        List<Path> client = certs.issue("counter-client");
        try (EtcdBackend backend = backend(new EtcdTlsFiles(certs.caCert(), Optional.of(client.get(0)),
                Optional.of(client.get(1))))) {
            assertEquals(1, backend.incrementBy(1).get(10, TimeUnit.SECONDS));
            assertEquals(4, backend.incrementBy(3).get(10, TimeUnit.SECONDS));
            assertEquals(4, backend.fetch().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void withoutAClientCertificateEtcdRefusesAndTheServiceIsUnavailable() {
        try (EtcdBackend backend = backend(new EtcdTlsFiles(certs.caCert(), Optional.empty(), Optional.empty()))) {
            assertUnavailable(backend);
        }
    }

    @Test
    void aServerSignedByAnotherCaIsNotTrusted() {
        List<Path> client = otherCa.issue("stranger");
        try (EtcdBackend backend = backend(new EtcdTlsFiles(otherCa.caCert(), Optional.of(client.get(0)),
                Optional.of(client.get(1))))) {
            assertUnavailable(backend);
        }
    }

    @Test
    void aKeyThatIsNotPemIsAConfigurationError() throws IOException {
        List<Path> client = certs.issue("broken");
        Path notPem = Files.writeString(client.get(1).resolveSibling("not-a-key.pem"), "not a key\n");
        ConfigException e = assertThrows(ConfigException.class, () -> backend(new EtcdTlsFiles(certs.caCert(),
                Optional.of(client.get(0)), Optional.of(notPem))));
        assertTrue(e.getMessage().contains("PKCS#8"), e.getMessage());
    }

    private static void assertUnavailable(EtcdBackend backend) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> backend.incrementBy(1).get(10, TimeUnit.SECONDS));
        assertInstanceOf(BackendUnavailableException.class, e.getCause(), String.valueOf(e.getCause()));
    }
}
