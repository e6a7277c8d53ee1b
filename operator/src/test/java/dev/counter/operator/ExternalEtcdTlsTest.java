package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.deployment;
import static dev.counter.operator.testing.Lookups.phase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.EtcdTlsSpec;
import dev.counter.operator.model.Phase;
import dev.counter.operator.status.ConditionTypes;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import dev.counter.operator.tls.CertificateAuthority;
import dev.counter.operator.tls.IssuedCertificate;
import dev.counter.operator.workload.EtcdTls;
import dev.counter.operator.workload.ExternalEtcdSecret;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * External etcd over TLS with the user's Secret: the counter pods get it mounted with the three
 * variables, and a pod template annotation that changes, so the pods roll, when the Secret does.
 */
class ExternalEtcdTlsTest {

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    private static final Instant NOW = Instant.now();
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void theDeploymentMountsTheSecretAndRollsWhenItsCertificatesChange() {
        CertificateAuthority ca = CertificateAuthority.create("user-etcd-ca", NOW, DAY);
        IssuedCertificate first = client(ca);
        operator.client().resource(secret("mutual-etcd-tls", ca, first)).create();
        operator.client().resource(app("mutual", "mutual-etcd-tls")).create();

        Await.until("deployment", () -> deployment(operator.client(), "mutual") != null);
        Deployment deployment = deployment(operator.client(), "mutual");
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getName().equals(EtcdTls.VOLUME))
                .singleElement()
                .satisfies(
                        volume -> {
                            assertThat(volume.getSecret().getSecretName()).isEqualTo("mutual-etcd-tls");
                            assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0400);
                        });
        Container counter = pod.getContainers().get(0);
        assertThat(counter.getVolumeMounts())
                .filteredOn(mount -> mount.getName().equals(EtcdTls.VOLUME))
                .singleElement()
                .satisfies(
                        mount -> {
                            assertThat(mount.getMountPath()).isEqualTo(EtcdTls.CERT_DIR);
                            assertThat(mount.getReadOnly()).isTrue();
                        });
        assertThat(env(counter))
                .containsEntry("ETCD_CA_FILE", EtcdTls.CERT_DIR + "/ca.crt")
                .containsEntry("ETCD_CERT_FILE", EtcdTls.CERT_DIR + "/tls.crt")
                .containsEntry("ETCD_KEY_FILE", EtcdTls.CERT_DIR + "/tls.key");
        assertThat(operator.client().configMaps().inNamespace(CounterApps.NAMESPACE)
                        .withName("mutual-config").get().getData())
                .containsEntry("ETCD_ENDPOINTS", "https://etcd-0.example:2379,https://etcd-1.example:2379");
        assertThat(annotations(deployment))
                .containsEntry(EtcdTls.CLIENT_CERT_ANNOTATION, EtcdTls.fingerprint(first.certificate()));
        String caAnnotation = annotations(deployment).get(ExternalEtcdSecret.CA_ANNOTATION);
        assertThat(caAnnotation).hasSize(64);

        IssuedCertificate renewed = client(ca);
        operator.client().resource(secret("mutual-etcd-tls", ca, renewed)).update();

        Await.untilAsserted(
                () ->
                        assertThat(annotations(deployment(operator.client(), "mutual")))
                                .containsEntry(
                                        EtcdTls.CLIENT_CERT_ANNOTATION,
                                        EtcdTls.fingerprint(renewed.certificate()))
                                .containsEntry(ExternalEtcdSecret.CA_ANNOTATION, caAnnotation));
        assertThat(EtcdTls.fingerprint(renewed.certificate()))
                .isNotEqualTo(EtcdTls.fingerprint(first.certificate()));

        // a new CA with the old client certificate: the pods must still restart to trust it
        CertificateAuthority rotated = CertificateAuthority.create("user-etcd-ca-2", NOW, DAY);
        operator.client().resource(secret("mutual-etcd-tls", rotated, renewed)).update();
        Await.untilAsserted(
                () ->
                        assertThat(annotations(deployment(operator.client(), "mutual")))
                                .containsEntry(
                                        EtcdTls.CLIENT_CERT_ANNOTATION,
                                        EtcdTls.fingerprint(renewed.certificate()))
                                .doesNotContainEntry(ExternalEtcdSecret.CA_ANNOTATION, caAnnotation)
                                .containsKey(ExternalEtcdSecret.CA_ANNOTATION));
    }

    @Test
    void aMissingOrIncompleteSecretIsReportedAndTheLastGoodDeploymentStays() {
        CertificateAuthority ca = CertificateAuthority.create("user-etcd-ca", NOW, DAY);
        IssuedCertificate cert = client(ca);
        operator.client().resource(secret("lost-etcd-tls", ca, cert)).create();
        operator.client().resource(app("lost", "lost-etcd-tls")).create();
        Await.until("deployment", () -> deployment(operator.client(), "lost") != null);
        Deployment before = deployment(operator.client(), "lost");

        operator.client().resource(secret("lost-etcd-tls", ca, cert)).delete();

        Await.untilAsserted(() -> assertInvalid("lost", "Secret lost-etcd-tls", "does not exist"));
        Await.until(
                "warning event",
                () -> Events.exists(operator.client(), "lost", "Warning", "EtcdTlsSecretInvalid"));
        assertThat(deployment(operator.client(), "lost").getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());

        Secret withoutCa = secret("lost-etcd-tls", ca, cert);
        withoutCa.getData().remove("ca.crt");
        operator.client().resource(withoutCa).create();
        Await.untilAsserted(() -> assertInvalid("lost", "Secret lost-etcd-tls", "has no ca.crt"));
        assertThat(deployment(operator.client(), "lost").getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());

        Secret pkcs1 = secret("lost-etcd-tls", ca, cert);
        pkcs1.getData()
                .put("tls.key", base64("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"));
        operator.client().resource(pkcs1).update();
        Await.untilAsserted(() -> assertInvalid("lost", "tls.key", "pkcs8"));

        operator.client().resource(secret("lost-etcd-tls", ca, cert)).update();
        Await.untilAsserted(
                () ->
                        assertThat(
                                        CounterApps.get(operator.client(), "lost")
                                                .getStatus()
                                                .condition(ConditionTypes.VALID)
                                                .orElseThrow()
                                                .isTrue())
                                .isTrue());
        assertThat(annotations(deployment(operator.client(), "lost")))
                .containsEntry(EtcdTls.CLIENT_CERT_ANNOTATION, EtcdTls.fingerprint(cert.certificate()));
    }

    private static void assertInvalid(String name, String... messageParts) {
        CounterApp app = CounterApps.get(operator.client(), name);
        assertThat(app.getStatus().getPhase()).isEqualTo(Phase.Invalid);
        assertThat(app.getStatus().condition(ConditionTypes.VALID))
                .hasValueSatisfying(
                        valid -> {
                            assertThat(valid.getStatus()).isEqualTo("False");
                            assertThat(valid.getReason()).isEqualTo("EtcdTlsSecretInvalid");
                            assertThat(valid.getMessage()).contains(messageParts);
                        });
        assertThat(phase(operator.client(), name)).isEqualTo(Phase.Invalid);
    }

    private static CounterApp app(String name, String secretName) {
        CounterApp app = CounterApps.newApp(name, Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setEndpoints(List.of("https://etcd-0.example:2379", "https://etcd-1.example:2379"));
        etcd.setTls(new EtcdTlsSpec(secretName));
        app.getSpec().setEtcd(etcd);
        return app;
    }

    private static IssuedCertificate client(CertificateAuthority ca) {
        return ca.issue("counter", List.of(), List.of(), false, true, NOW, DAY);
    }

    private static Secret secret(String name, CertificateAuthority ca, IssuedCertificate client) {
        var data = new LinkedHashMap<String, String>();
        data.put("ca.crt", base64(ca.certificate().certificatePem()));
        data.put("tls.crt", base64(client.certificatePem()));
        data.put("tls.key", base64(client.keyPem()));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(CounterApps.NAMESPACE)
                .endMetadata()
                .withData(data)
                .build();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> annotations(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    }

    private static Map<String, String> env(Container container) {
        var env = new LinkedHashMap<String, String>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }
}
