package dev.counter.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final CertificateAuthority ca = CertificateAuthority.create("app-etcd-ca", NOW, Duration.ofDays(3650));

    @Test
    void theCaIsSelfSignedAndMaySignOnlyLeaves() throws Exception {
        X509Certificate cert = ca.certificate().certificate();
        cert.verify(cert.getPublicKey());
        assertThat(cert.getBasicConstraints()).isZero();
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    }

    @Test
    void theMemberCertificateCarriesEveryNameAndBothPurposes() throws Exception {
        IssuedCertificate member = ca.issue("app-etcd", EtcdCertificateNames.dnsNames("ns", "app-etcd-peers", "app-etcd"),
                EtcdCertificateNames.ipAddresses(), true, true, NOW, Duration.ofDays(90));
        X509Certificate cert = member.certificate();
        cert.verify(ca.certificate().certificate().getPublicKey());
        assertThat(cert.getSubjectAlternativeNames().stream().map(n -> Objects.toString(n.get(1))))
                .containsExactlyInAnyOrder("*.app-etcd-peers.ns.svc", "*.app-etcd-peers.ns.svc.cluster.local",
                        "app-etcd", "app-etcd.ns.svc", "app-etcd.ns.svc.cluster.local", "localhost", "127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void theClientCertificateIsForClientsOnly() throws Exception {
        X509Certificate cert = ca.issue("app-counter", List.of(), List.of(), false, true, NOW, Duration.ofDays(90))
                .certificate();
        assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(cert.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void keysArePkcs8PemAndReadBack() {
        IssuedCertificate leaf = ca.issue("c", List.of(), List.of(), false, true, NOW, Duration.ofDays(1));
        assertThat(leaf.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Pem.parsePkcs8(leaf.keyPem())).isEqualTo(leaf.key());
        assertThat(Pem.parseCertificate(leaf.certificatePem())).isEqualTo(leaf.certificate());
    }

    @Test
    void anotherCaDoesNotVerifyTheChain() {
        CertificateAuthority other = CertificateAuthority.create("other", NOW, Duration.ofDays(1));
        X509Certificate cert = ca.issue("c", List.of(), List.of(), false, true, NOW, Duration.ofDays(1)).certificate();
        assertThatThrownBy(() -> cert.verify(other.certificate().certificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }
}
