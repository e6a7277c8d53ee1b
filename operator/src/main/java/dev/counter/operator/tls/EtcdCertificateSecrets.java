package dev.counter.operator.tls;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.EtcdTls;
import dev.counter.operator.workload.ExternalEtcdSecret;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The CA, member and client certificates of an etcd cluster the operator runs, kept in three
 * Secrets: made when missing, re-issued when due, left alone otherwise. Imperative rather than a
 * dependent's desired state, as Strimzi's CA reconciler does it: a desired Secret would be new key
 * material at every reconcile, and the leaves are signed with a key only the CA Secret holds.
 *
 * <p>Members read their certificate files at every TLS handshake and the kubelet refreshes mounted
 * Secrets, so a renewed member certificate needs no restart; the counter pods read theirs at start
 * and are rolled through {@link #annotations}. The CA is not rotated: it is valid for {@link
 * #CA_VALIDITY}, and a new CA would need every member to trust old and new at once.
 */
public final class EtcdCertificateSecrets {

    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration LEAF_VALIDITY = Duration.ofDays(90);
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /** The Secrets as they are now, and which of them this call wrote. */
    public record Issued(Secret ca, Secret server, Secret client, List<String> written) {

        /** The pod template annotations whose change rolls the counter pods, as for a user's Secret. */
        public Map<String, String> counterAnnotations() {
            return ExternalEtcdSecret.annotations(client);
        }

        /** The earlier expiry of the two leaves. */
        public Instant notAfter() {
            Instant server = serverCertificate().getNotAfter().toInstant();
            Instant counter = clientCertificate().getNotAfter().toInstant();
            return server.isBefore(counter) ? server : counter;
        }

        public X509Certificate serverCertificate() {
            return certificate(server);
        }

        public X509Certificate clientCertificate() {
            return certificate(client);
        }
    }

    private final Clock clock;
    private final Duration leafValidity;
    private final Renewal renewal;

    public EtcdCertificateSecrets(Clock clock, Duration leafValidity, Duration renewBefore) {
        if (!renewBefore.minus(leafValidity).isNegative()) {
            throw new IllegalArgumentException("certificates valid for " + leafValidity
                    + " would be renewed at every reconcile with renewBefore " + renewBefore);
        }
        this.clock = clock;
        this.leafValidity = leafValidity;
        this.renewal = new Renewal(clock, renewBefore);
    }

    public static EtcdCertificateSecrets standard(Clock clock) {
        return new EtcdCertificateSecrets(clock, LEAF_VALIDITY, RENEW_BEFORE);
    }

    /** Makes or renews what is missing or due; the others are returned as read. */
    public Issued ensure(KubernetesClient client, CounterApp app) {
        Instant now = clock.instant();
        List<String> written = new ArrayList<>();
        Optional<Secret> caSecret = read(client, app, EtcdTls.caSecret(app));
        Optional<CertificateAuthority> existing = caSecret.flatMap(EtcdCertificateSecrets::authority);
        CertificateAuthority ca = existing.orElseGet(
                () -> CertificateAuthority.create(EtcdTls.caSecret(app), now, CA_VALIDITY));
        Secret caNow = caSecret.orElse(null);
        if (existing.isEmpty()) {
            caNow = write(client, app, caSecret, EtcdTls.caSecret(app), "Opaque", Map.of(
                    EtcdTlsContext.CA_CERT, ca.certificate().certificatePem(),
                    EtcdTlsContext.CA_KEY, ca.certificate().keyPem()));
            written.add(EtcdTls.caSecret(app));
        }
        Secret server = leaf(client, app, ca, EtcdTls.serverSecret(app), written,
                () -> EtcdTls.memberCertificate(ca, app, now, leafValidity));
        Secret clientSecret = leaf(client, app, ca, EtcdTls.clientSecret(app), written,
                () -> EtcdTls.clientCertificate(ca, app, now, leafValidity));
        return new Issued(caNow, server, clientSecret, List.copyOf(written));
    }

    /** How long until the earlier of the two leaves is due. */
    public Duration untilNextRenewal(Issued issued) {
        return renewal.untilNextRenewal(List.of(issued.serverCertificate(), issued.clientCertificate()));
    }

    private Secret leaf(KubernetesClient client, CounterApp app, CertificateAuthority ca, String name,
            List<String> written, Supplier<IssuedCertificate> issue) {
        Optional<Secret> actual = read(client, app, name);
        if (actual.isPresent() && !due(actual.get(), ca)) {
            return actual.get();
        }
        IssuedCertificate leaf = issue.get();
        written.add(name);
        return write(client, app, actual, name, "kubernetes.io/tls", Map.of(
                EtcdTlsContext.TLS_CERT, leaf.certificatePem(),
                EtcdTlsContext.TLS_KEY, leaf.keyPem(),
                EtcdTlsContext.CA_CERT, ca.certificate().certificatePem()));
    }

    /** Unreadable, expiring, signed by another CA, or carrying another CA than the current one. */
    private boolean due(Secret secret, CertificateAuthority ca) {
        try {
            X509Certificate caCert = ca.certificate().certificate();
            return renewal.due(certificate(secret), caCert)
                    || !Pem.parseCertificate(EtcdTlsContext.text(secret, EtcdTlsContext.CA_CERT)).equals(caCert);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static Optional<CertificateAuthority> authority(Secret secret) {
        try {
            return Optional.of(new CertificateAuthority(new IssuedCertificate(
                    Pem.parseCertificate(EtcdTlsContext.text(secret, EtcdTlsContext.CA_CERT)),
                    Pem.parsePkcs8(EtcdTlsContext.text(secret, EtcdTlsContext.CA_KEY)))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static X509Certificate certificate(Secret secret) {
        return Pem.parseCertificate(EtcdTlsContext.text(secret, EtcdTlsContext.TLS_CERT));
    }

    private static Optional<Secret> read(KubernetesClient client, CounterApp app, String name) {
        return Optional.ofNullable(
                client.secrets().inNamespace(app.getMetadata().getNamespace()).withName(name).get());
    }

    /** Creates the Secret, or replaces the one read (its resourceVersion guards a concurrent change). */
    private static Secret write(KubernetesClient client, CounterApp app, Optional<Secret> actual, String name,
            String type, Map<String, String> text) {
        var data = new TreeMap<String, String>();
        text.forEach((key, value) -> data.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.US_ASCII))));
        var secrets = client.secrets().inNamespace(app.getMetadata().getNamespace());
        var metadata = OwnedMetadata.of(app, name, Part.ETCD);
        Secret secret = new SecretBuilder().withMetadata(metadata).withType(type).withData(data).build();
        // a Secret's type is immutable: one of another type is deleted first
        if (actual.isPresent() && type.equals(actual.get().getType())) {
            metadata.setResourceVersion(actual.get().getMetadata().getResourceVersion());
            return secrets.resource(secret).update();
        }
        actual.ifPresent(a -> secrets.withName(name).delete());
        return secrets.resource(secret).create();
    }
}
