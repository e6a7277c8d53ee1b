package dev.counter.operator.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and its private key, as one Secret holds them. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key) {

    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}): the only PEM key format Netty, and so the counter service, reads. */
    public String keyPem() {
        return Pem.pkcs8(key);
    }
}
