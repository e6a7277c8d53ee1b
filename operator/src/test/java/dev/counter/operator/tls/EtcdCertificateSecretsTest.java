package dev.counter.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.EtcdTlsSpec;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.MockCluster;
import dev.counter.operator.testing.MovingClock;
import dev.counter.operator.workload.EtcdTls;
import dev.counter.operator.workload.ExternalEtcdSecret;
import dev.counter.operator.workload.Labels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three certificate Secrets of a managed etcd with TLS on the mock API, with a clock that moves. */
class EtcdCertificateSecretsTest {
    private static final Instant START = Instant.parse("2026-12-03T08:00:00Z");
    private static final Duration VALIDITY = Duration.ofHours(2);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(30);

    private MockCluster cluster;
    private KubernetesClient client;
    private CounterApp app;
    private final MovingClock clock = new MovingClock(START);
    private EtcdCertificateSecrets secrets;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        app.getSpec().getEtcd().setTls(new EtcdTlsSpec());
        secrets = new EtcdCertificateSecrets(clock, VALIDITY, RENEW_BEFORE);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void theFirstCallMakesACaAndMemberAndClientCertificatesItSigned() throws Exception {
        var issued = secrets.ensure(client, app);

        assertThat(issued.written()).containsExactly("hits-etcd-ca", "hits-etcd-server", "hits-etcd-client");
        Secret ca = stored("hits-etcd-ca");
        Secret server = stored("hits-etcd-server");
        Secret counter = stored("hits-etcd-client");
        assertThat(ca.getType()).isEqualTo("Opaque");
        assertThat(ca.getData()).containsOnlyKeys("ca.crt", "ca.key");
        assertThat(server.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(server.getData()).containsOnlyKeys("ca.crt", "tls.crt", "tls.key");
        assertThat(counter.getData()).containsOnlyKeys("ca.crt", "tls.crt", "tls.key");
        for (Secret secret : List.of(ca, server, counter)) {
            assertThat(secret.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(owner -> assertThat(owner.getName()).isEqualTo("hits"));
            assertThat(secret.getMetadata().getLabels()).containsEntry(Labels.MANAGED_BY, Labels.OPERATOR);
        }

        X509Certificate caCert = cert(ca, "ca.crt");
        X509Certificate member = cert(server, "tls.crt");
        member.verify(caCert.getPublicKey());
        cert(counter, "tls.crt").verify(caCert.getPublicKey());
        assertThat(cert(server, "ca.crt")).isEqualTo(caCert);
        assertThat(member.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList())
                .contains("*.hits-etcd-peers.counters.svc", "hits-etcd.counters.svc", "127.0.0.1");
        assertThat(member.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert(counter, "tls.crt").getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(member.getNotAfter().toInstant()).isEqualTo(START.plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS));
        assertThat(issued.counterAnnotations())
                .containsEntry(EtcdTls.CLIENT_CERT_ANNOTATION, EtcdTls.fingerprint(cert(counter, "tls.crt")))
                .containsKey(ExternalEtcdSecret.CA_ANNOTATION);
        // the operator's own admin client works with what it made
        assertThat(EtcdTlsContext.sslContext(ca, counter)).isNotNull();
    }

    @Test
    void validCertificatesAreLeftAloneUntilTheyFallDueAndThenOnlyTheLeavesAreRenewed() {
        secrets.ensure(client, app);
        Map<String, String> versions = versions();

        clock.advance(VALIDITY.minus(RENEW_BEFORE).minusSeconds(1));
        var untouched = secrets.ensure(client, app);
        assertThat(untouched.written()).isEmpty();
        assertThat(versions()).isEqualTo(versions);
        assertThat(secrets.untilNextRenewal(untouched)).isEqualTo(Duration.ofSeconds(1));

        X509Certificate oldMember = cert(stored("hits-etcd-server"), "tls.crt");
        String oldCa = stored("hits-etcd-ca").getData().get("ca.crt");
        clock.advance(Duration.ofSeconds(1));
        var renewed = secrets.ensure(client, app);

        assertThat(renewed.written()).containsExactly("hits-etcd-server", "hits-etcd-client");
        assertThat(stored("hits-etcd-ca").getData().get("ca.crt")).isEqualTo(oldCa);
        X509Certificate newMember = cert(stored("hits-etcd-server"), "tls.crt");
        assertThat(newMember.getSerialNumber()).isNotEqualTo(oldMember.getSerialNumber());
        assertThat(newMember.getPublicKey()).isNotEqualTo(oldMember.getPublicKey());
        assertThat(newMember.getNotAfter()).isAfter(oldMember.getNotAfter());
        assertThat(secrets.untilNextRenewal(renewed)).isEqualTo(VALIDITY.minus(RENEW_BEFORE));
        assertThat(secrets.ensure(client, app).written()).isEmpty();
    }

    @Test
    void aDamagedLeafIsReissuedAndALostCaReissuesEverything() {
        secrets.ensure(client, app);
        Secret client0 = stored("hits-etcd-client");
        client0.getData().put("tls.crt", base64("not a certificate"));
        client.resource(client0).update();

        assertThat(secrets.ensure(client, app).written()).containsExactly("hits-etcd-client");
        assertThat(cert(stored("hits-etcd-client"), "tls.crt")).isNotNull();

        X509Certificate oldCa = cert(stored("hits-etcd-ca"), "ca.crt");
        client.secrets().inNamespace(CounterApps.NAMESPACE).withName("hits-etcd-ca").delete();
        var reissued = secrets.ensure(client, app);

        assertThat(reissued.written()).containsExactly("hits-etcd-ca", "hits-etcd-server", "hits-etcd-client");
        X509Certificate newCa = cert(stored("hits-etcd-ca"), "ca.crt");
        assertThat(newCa).isNotEqualTo(oldCa);
        assertThat(cert(stored("hits-etcd-server"), "ca.crt")).isEqualTo(newCa);
        assertThat(cert(stored("hits-etcd-client"), "ca.crt")).isEqualTo(newCa);
    }

    @Test
    void aRenewalWindowAsLongAsTheValidityIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EtcdCertificateSecrets(clock, Duration.ofHours(1), Duration.ofHours(1)))
                .withMessageContaining("every reconcile");
    }

    private Map<String, String> versions() {
        return client.secrets().inNamespace(CounterApps.NAMESPACE).list().getItems().stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getMetadata().getResourceVersion()));
    }

    private Secret stored(String name) {
        return client.secrets().inNamespace(CounterApps.NAMESPACE).withName(name).get();
    }

    private static X509Certificate cert(Secret secret, String key) {
        return Pem.parseCertificate(
                new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
