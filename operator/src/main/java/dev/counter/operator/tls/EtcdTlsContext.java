package dev.counter.operator.tls;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK TLS context the operator's own etcd admin client uses: it trusts the CA Secret's
 * {@code ca.crt} and presents the client Secret's {@code tls.crt} / {@code tls.key}.
 */
public final class EtcdTlsContext {
    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String TLS_CERT = "tls.crt";
    public static final String TLS_KEY = "tls.key";

    private EtcdTlsContext() {
    }

    public static SSLContext sslContext(Secret ca, Secret client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", Pem.parseCertificate(text(ca, CA_CERT)));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);

            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", Pem.parsePkcs8(text(client, TLS_KEY)), password,
                    new Certificate[] {Pem.parseCertificate(text(client, TLS_CERT))});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build the etcd TLS context: " + e.getMessage(), e);
        }
    }

    /** A key of a Secret read from the API ({@code data}, base64) or built here ({@code stringData}). */
    static String text(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
        }
        Map<String, String> strings = secret.getStringData();
        if (strings != null && strings.get(key) != null) {
            return strings.get(key);
        }
        throw new IllegalArgumentException("Secret " + secret.getMetadata().getName() + " has no " + key);
    }
}
