package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.tls.CertificateAuthority;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class EtcdTlsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private final CounterApp app = CounterApps.stored("hits", Backend.ETCD);
    private final CertificateAuthority ca = CertificateAuthority.create("hits-etcd-ca", NOW, Duration.ofDays(3650));

    @Test
    void secretNamesFollowTheApp() {
        assertThat(EtcdTls.caSecret(app)).isEqualTo("hits-etcd-ca");
        assertThat(EtcdTls.serverSecret(app)).isEqualTo("hits-etcd-server");
        assertThat(EtcdTls.clientSecret(app)).isEqualTo("hits-etcd-client");
    }

    @Test
    void theMemberCertificateNamesThePeerAndClientServices() throws Exception {
        X509Certificate cert = EtcdTls.memberCertificate(ca, app, NOW, Duration.ofDays(90)).certificate();
        assertThat(cert.getSubjectAlternativeNames().stream().map(n -> Objects.toString(n.get(1))))
                .contains("*.hits-etcd-peers.counters.svc", "*.hits-etcd-peers.counters.svc.cluster.local",
                        "hits-etcd", "hits-etcd.counters.svc", "hits-etcd.counters.svc.cluster.local",
                        "localhost", "127.0.0.1");
        assertThat(EtcdTopology.memberHost(app, "hits-etcd-0")).endsWith(".hits-etcd-peers.counters.svc");
    }

    @Test
    void membersDemandCertificatesFromClientsAndPeersAndProbeOverPlainHttp() {
        assertThat(EtcdTls.memberArgs()).contains("--client-cert-auth", "--peer-client-cert-auth",
                "--cert-file=/etc/etcd-tls/tls.crt", "--peer-key-file=/etc/etcd-tls/tls.key",
                "--trusted-ca-file=/etc/etcd-tls/ca.crt", "--listen-metrics-urls=http://0.0.0.0:2381");
        assertThat(EtcdTls.etcdctlEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
                tuple("ETCDCTL_CACERT", "/etc/etcd-tls/ca.crt"), tuple("ETCDCTL_CERT", "/etc/etcd-tls/tls.crt"),
                tuple("ETCDCTL_KEY", "/etc/etcd-tls/tls.key"));
    }

    @Test
    void theCounterReadsTheMountedClientSecret() {
        assertThat(EtcdTls.counterEnv()).extracting(EnvVar::getName)
                .containsExactly("ETCD_CA_FILE", "ETCD_CERT_FILE", "ETCD_KEY_FILE");
        assertThat(EtcdTls.volume("hits-etcd-client").getSecret().getSecretName()).isEqualTo("hits-etcd-client");
        assertThat(EtcdTls.mount().getMountPath()).isEqualTo(EtcdTls.CERT_DIR);
        assertThat(EtcdTls.mount().getReadOnly()).isTrue();
    }

    @Test
    void aRenewedClientCertificateHasAnotherFingerprint() {
        X509Certificate first = EtcdTls.clientCertificate(ca, app, NOW, Duration.ofDays(90)).certificate();
        X509Certificate renewed = EtcdTls.clientCertificate(ca, app, NOW.plusSeconds(60), Duration.ofDays(90))
                .certificate();
        assertThat(EtcdTls.fingerprint(first)).hasSize(64).isEqualTo(EtcdTls.fingerprint(first))
                .isNotEqualTo(EtcdTls.fingerprint(renewed));
    }
}
