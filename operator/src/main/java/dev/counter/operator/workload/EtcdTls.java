package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.tls.CertificateAuthority;
import dev.counter.operator.tls.EtcdCertificateNames;
import dev.counter.operator.tls.EtcdTlsContext;
import dev.counter.operator.tls.IssuedCertificate;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What TLS adds to the etcd members, the counter pods and the snapshot Job, so that the existing
 * builders each call it in a line or two. The counter env, volume and mount are used for external
 * etcd (spec.etcd.tls.secretName); the member and snapshot parts wait for operator-managed TLS.
 */
public final class EtcdTls {
    /** Where the member and client Secrets are mounted. */
    public static final String CERT_DIR = "/etc/etcd-tls";
    public static final String VOLUME = "etcd-tls";
    /** etcd serves /health here in plain http, so the probes need no certificate. */
    public static final int METRICS_PORT = 2381;
    public static final String METRICS_PORT_NAME = "metrics";
    /** The annotation whose change rolls the counter pods when their client certificate is renewed. */
    public static final String CLIENT_CERT_ANNOTATION = "counter.dev/etcd-client-cert-sha256";

    private EtcdTls() {}

    /**
     * The Secret the counter pods mount: the user's for an external etcd, the operator's client
     * Secret for the cluster it runs with TLS.
     */
    public static Optional<String> counterSecret(CounterApp app) {
        return ExternalEtcdSecret.name(app.getSpec())
                .or(() -> Backends.managedEtcdTls(app.getSpec())
                        ? Optional.of(clientSecret(app))
                        : Optional.empty());
    }

    public static String caSecret(CounterApp app) {
        return Names.etcd(app) + "-ca";
    }

    public static String serverSecret(CounterApp app) {
        return Names.etcd(app) + "-server";
    }

    public static String clientSecret(CounterApp app) {
        return Names.etcd(app) + "-client";
    }

    /**
     * The member's flags: one certificate serves clients and peers, and both sides demand a
     * certificate from the CA (the CA Secret's ca.crt is copied into the member Secret).
     */
    public static List<String> memberArgs() {
        return memberArgs(CERT_DIR, METRICS_PORT);
    }

    /** {@link #memberArgs()} for certificates in {@code certDir}, health on {@code metricsPort}. */
    public static List<String> memberArgs(String certDir, int metricsPort) {
        String cert = certDir + "/" + EtcdTlsContext.TLS_CERT;
        String key = certDir + "/" + EtcdTlsContext.TLS_KEY;
        String ca = certDir + "/" + EtcdTlsContext.CA_CERT;
        return List.of(
                "--cert-file=" + cert, "--key-file=" + key, "--trusted-ca-file=" + ca, "--client-cert-auth",
                "--peer-cert-file=" + cert, "--peer-key-file=" + key, "--peer-trusted-ca-file=" + ca,
                "--peer-client-cert-auth",
                "--listen-metrics-urls=http://0.0.0.0:" + metricsPort);
    }

    /** etcdctl's TLS settings for the snapshot Job, with the client Secret mounted. */
    public static List<EnvVar> etcdctlEnv() {
        return List.of(
                new EnvVar("ETCDCTL_CACERT", CERT_DIR + "/" + EtcdTlsContext.CA_CERT, null),
                new EnvVar("ETCDCTL_CERT", CERT_DIR + "/" + EtcdTlsContext.TLS_CERT, null),
                new EnvVar("ETCDCTL_KEY", CERT_DIR + "/" + EtcdTlsContext.TLS_KEY, null));
    }

    /** The counter service's variables for its mounted client Secret. */
    public static List<EnvVar> counterEnv() {
        return List.of(
                new EnvVar("ETCD_CA_FILE", CERT_DIR + "/" + EtcdTlsContext.CA_CERT, null),
                new EnvVar("ETCD_CERT_FILE", CERT_DIR + "/" + EtcdTlsContext.TLS_CERT, null),
                new EnvVar("ETCD_KEY_FILE", CERT_DIR + "/" + EtcdTlsContext.TLS_KEY, null));
    }

    public static Volume volume(String secretName) {
        return new VolumeBuilder().withName(VOLUME)
                .withNewSecret().withSecretName(secretName).withDefaultMode(0400).endSecret().build();
    }

    public static VolumeMount mount() {
        return new VolumeMountBuilder().withName(VOLUME).withMountPath(CERT_DIR).withReadOnly(true).build();
    }

    /** The member (server and peer) certificate: every name a member, or the client Service, is reached by. */
    public static IssuedCertificate memberCertificate(CertificateAuthority ca, CounterApp app, Instant now,
            Duration validity) {
        return ca.issue(Names.etcd(app), EtcdCertificateNames.dnsNames(app.getMetadata().getNamespace(),
                Names.etcdPeers(app), Names.etcd(app)), EtcdCertificateNames.ipAddresses(), true, true, now, validity);
    }

    public static IssuedCertificate clientCertificate(CertificateAuthority ca, CounterApp app, Instant now,
            Duration validity) {
        return ca.issue(app.getMetadata().getName() + "-counter", List.of(), List.of(), false, true, now, validity);
    }

    /** SHA-256 of the DER certificate, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
