package dev.counter.app.backend.etcd;

import dev.counter.app.config.ConfigException;
import dev.counter.app.config.EtcdTlsFiles;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The Netty TLS context of the etcd client, from the configured PEM files. */
final class EtcdSsl {
    private EtcdSsl() {
    }

    /**
     * Parsed here, at start, so that a key in the wrong format is a configuration error (status 2)
     * and not a handshake failure on every call. Netty reads PKCS#8 keys only
     * ({@code BEGIN PRIVATE KEY}); {@code openssl pkcs8 -topk8 -nocrypt} converts a PKCS#1 key.
     */
    static SslContext context(EtcdTlsFiles files) {
        try {
            SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(files.caFile().toFile());
            if (files.certFile().isPresent()) {
                builder.keyManager(files.certFile().get().toFile(), files.keyFile().orElseThrow().toFile());
            }
            return builder.build();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException("ETCD_CA_FILE, ETCD_CERT_FILE, ETCD_KEY_FILE: cannot be used (" + reason(e)
                    + "); expected PEM certificates and a PKCS#8 key (BEGIN PRIVATE KEY)");
        }
    }

    private static String reason(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
