package dev.counter.operator;

import static dev.counter.operator.testing.Lookups.configMap;
import static dev.counter.operator.testing.Lookups.deployment;
import static dev.counter.operator.testing.Lookups.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.EtcdTlsSpec;
import dev.counter.operator.model.NfsSpec;
import dev.counter.operator.testing.Await;
import dev.counter.operator.testing.CounterApps;
import dev.counter.operator.testing.Events;
import dev.counter.operator.testing.OperatorExtension;
import dev.counter.operator.tls.Pem;
import dev.counter.operator.workload.EtcdTls;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The etcd cluster the operator runs, with {@code etcd.tls: {}}: the operator makes the CA and
 * certificates before the members and counter pods that mount them, wires https everywhere, and
 * makes a Secret deleted by hand again, rolling the counter pods to the new client certificate.
 */
class ManagedEtcdTlsTest {

    @RegisterExtension static final OperatorExtension operator = new OperatorExtension();

    private static final String NS = CounterApps.NAMESPACE;

    @Test
    void membersCounterPodsAndSnapshotsAllSpeakMutualTlsWithTheOperatorsCertificates() {
        operator.client().resource(app("vault")).create();
        Await.until("statefulset and deployment",
                () -> statefulSet(operator.client(), "vault-etcd") != null
                        && deployment(operator.client(), "vault") != null
                        && cronJob("vault-etcd-snapshot") != null);

        assertThat(secret("vault-etcd-ca").getData()).containsOnlyKeys("ca.crt", "ca.key");
        assertThat(secret("vault-etcd-server").getData()).containsOnlyKeys("ca.crt", "tls.crt", "tls.key");
        assertThat(secret("vault-etcd-client").getData()).containsOnlyKeys("ca.crt", "tls.crt", "tls.key");
        Await.until("issued events",
                () -> Events.exists(operator.client(), "vault", "Normal", "EtcdCertificateIssued"));

        PodSpec member = statefulSet(operator.client(), "vault-etcd").getSpec().getTemplate().getSpec();
        Container etcd = member.getContainers().get(0);
        assertThat(etcd.getArgs()).contains(
                "--listen-client-urls=https://0.0.0.0:2379",
                "--advertise-client-urls=https://$(POD_NAME).vault-etcd-peers." + NS + ".svc:2379",
                "--listen-peer-urls=https://0.0.0.0:2380",
                "--initial-advertise-peer-urls=https://$(POD_NAME).vault-etcd-peers." + NS + ".svc:2380",
                "--client-cert-auth", "--peer-client-cert-auth",
                "--listen-metrics-urls=http://0.0.0.0:2381");
        assertThat(List.of(etcd.getReadinessProbe(), etcd.getLivenessProbe(), etcd.getStartupProbe()))
                .allSatisfy(probe -> {
                    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(EtcdTls.METRICS_PORT_NAME);
                    assertThat(probe.getHttpGet().getScheme()).isNotEqualTo("HTTPS");
                });
        assertThat(etcd.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo(EtcdTls.METRICS_PORT_NAME);
            assertThat(port.getContainerPort()).isEqualTo(EtcdTls.METRICS_PORT);
        });
        assertThat(secretVolume(member)).isEqualTo("vault-etcd-server");
        assertThat(etcd.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(EtcdTls.CERT_DIR));

        PodSpec counter = deployment(operator.client(), "vault").getSpec().getTemplate().getSpec();
        assertThat(secretVolume(counter)).isEqualTo("vault-etcd-client");
        assertThat(env(counter.getContainers().get(0)))
                .containsEntry("ETCD_CA_FILE", EtcdTls.CERT_DIR + "/ca.crt")
                .containsEntry("ETCD_CERT_FILE", EtcdTls.CERT_DIR + "/tls.crt")
                .containsEntry("ETCD_KEY_FILE", EtcdTls.CERT_DIR + "/tls.key");
        assertThat(counter.getSecurityContext().getFsGroup()).isNotNull();
        assertThat(configMap(operator.client(), "vault-config").getData())
                .containsEntry("ETCD_ENDPOINTS", "https://vault-etcd." + NS + ".svc:2379");
        assertThat(counterAnnotations("vault"))
                .containsEntry(EtcdTls.CLIENT_CERT_ANNOTATION, EtcdTls.fingerprint(cert("vault-etcd-client")));
        Await.untilAsserted(() -> assertThat(CounterApps.get(operator.client(), "vault").getStatus().getBackend()
                        .getCertificatesNotAfter())
                .isEqualTo(cert("vault-etcd-client").getNotAfter().toInstant().toString()));

        PodSpec snapshot = cronJob("vault-etcd-snapshot").getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(secretVolume(snapshot)).isEqualTo("vault-etcd-client");
        assertThat(env(snapshot.getContainers().get(0)))
                .containsEntry("ETCD_ENDPOINT", "https://vault-etcd." + NS + ".svc:2379")
                .containsEntry("ETCDCTL_CACERT", EtcdTls.CERT_DIR + "/ca.crt")
                .containsEntry("ETCDCTL_CERT", EtcdTls.CERT_DIR + "/tls.crt")
                .containsEntry("ETCDCTL_KEY", EtcdTls.CERT_DIR + "/tls.key");
        assertThat(snapshot.getSecurityContext().getFsGroup()).isNotNull();
    }

    @Test
    void certificatesAreNotRewrittenByLaterReconcilesAndALostOneIsMadeAgain() {
        operator.client().resource(app("ledger")).create();
        Await.until("deployment", () -> deployment(operator.client(), "ledger") != null
                && secret("ledger-etcd-client") != null);
        Await.until("idle", () -> operator.harness().idle());
        Map<String, String> versions = versions("ledger");

        // another reconcile: the certificates are valid, nothing is written
        CounterApps.edit(operator.client(), "ledger", app -> app.getSpec().setReplicas(2));
        Await.until("scaled", () -> deployment(operator.client(), "ledger").getSpec().getReplicas() == 2);
        Await.until("idle", () -> operator.harness().idle());
        assertThat(versions("ledger")).isEqualTo(versions);

        X509Certificate before = cert("ledger-etcd-client");
        String caBefore = secret("ledger-etcd-ca").getData().get("ca.crt");
        operator.client().secrets().inNamespace(NS).withName("ledger-etcd-client").delete();

        Await.until("client certificate made again", () -> secret("ledger-etcd-client") != null);
        X509Certificate after = cert("ledger-etcd-client");
        assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(secret("ledger-etcd-ca").getData().get("ca.crt")).isEqualTo(caBefore);
        Await.untilAsserted(() -> assertThat(counterAnnotations("ledger"))
                .containsEntry(EtcdTls.CLIENT_CERT_ANNOTATION, EtcdTls.fingerprint(after)));
        assertThat(secret("ledger-etcd-server").getMetadata().getResourceVersion())
                .isEqualTo(versions.get("ledger-etcd-server"));
    }

    private static CounterApp app(String name) {
        CounterApp app = CounterApps.newApp(name, Backend.ETCD);
        var etcd = new EtcdSpec();
        etcd.setTls(new EtcdTlsSpec());
        etcd.getSnapshots().setEnabled(true);
        var nfs = new NfsSpec();
        nfs.setServer("10.0.0.5");
        nfs.setPath("/exports/etcd");
        etcd.getSnapshots().setNfs(nfs);
        app.getSpec().setEtcd(etcd);
        return app;
    }

    private static Secret secret(String name) {
        return operator.client().secrets().inNamespace(NS).withName(name).get();
    }

    private static X509Certificate cert(String secret) {
        return Pem.parseCertificate(new String(
                Base64.getDecoder().decode(secret(secret).getData().get("tls.crt")), StandardCharsets.US_ASCII));
    }

    private static Map<String, String> versions(String app) {
        return operator.client().secrets().inNamespace(NS).list().getItems().stream()
                .filter(s -> s.getMetadata().getName().startsWith(app + "-etcd-"))
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getMetadata().getResourceVersion()));
    }

    private static Map<String, String> counterAnnotations(String app) {
        return deployment(operator.client(), app).getSpec().getTemplate().getMetadata().getAnnotations();
    }

    private static CronJob cronJob(String name) {
        return operator.client().batch().v1().cronjobs().inNamespace(NS).withName(name).get();
    }

    private static String secretVolume(PodSpec pod) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(EtcdTls.VOLUME))
                .map(Volume::getSecret)
                .findFirst()
                .orElseThrow()
                .getSecretName();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
