package dev.counter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig file: one cluster, one bearer token. */
final class Kubeconfigs {

    private Kubeconfigs() {}

    /**
     * TLS verification is off: the API server's certificate is self-signed on loopback, and the
     * suite tests the operator, not certificate handling.
     */
    static void write(Path file, String server, String token) {
        String text =
                """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: e2e
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                users:
                  - name: e2e
                    user:
                      token: %s
                contexts:
                  - name: e2e
                    context:
                      cluster: e2e
                      user: e2e
                      namespace: default
                current-context: e2e
                """
                        .formatted(server, token);
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
