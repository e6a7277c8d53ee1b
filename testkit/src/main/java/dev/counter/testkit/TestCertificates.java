package dev.counter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A CA and certificates it signs, made with the real {@code openssl} in a temporary directory, for
 * tests against a TLS etcd. Keys are written as PKCS#8 ({@code BEGIN PRIVATE KEY}), the only PEM
 * key format Netty reads.
 */
public final class TestCertificates {
    private static final String EXTENSIONS = "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
            + "extendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n";
    private static final DateTimeFormatter OPENSSL_DATE =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String openssl = Binaries.require("openssl", "openssl");

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A new CA named {@code caName} in its own directory. */
    public static TestCertificates newCa(String caName) {
        try {
            TestCertificates certs = new TestCertificates(Files.createTempDirectory("certs-"));
            certs.run(List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                    "-days", "2", "-subj", "/CN=" + caName));
            return certs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    /**
     * A certificate for loopback (DNS localhost, IP 127.0.0.1), usable as server and client, valid
     * for a day. Returns {@code [cert, key]}.
     */
    public List<Path> issue(String name) {
        Path ext = dir.resolve(name + ".ext");
        try {
            Files.writeString(ext, EXTENSIONS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + name));
        run(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "1", "-extfile", ext.toString()));
        return List.of(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }

    /**
     * Like {@link #issue(String)}, valid only from {@code notBefore} to {@code notAfter} (whole
     * seconds): {@code openssl x509} counts in days, {@code openssl ca} takes exact dates.
     */
    public List<Path> issue(String name, Instant notBefore, Instant notAfter) {
        try {
            Files.writeString(dir.resolve("ca.cnf"), "[ca]\ndefault_ca=test\n[test]\ndatabase=index.txt\n"
                    + "new_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=any\nunique_subject=no\n"
                    + "[any]\ncommonName=supplied\n");
            if (!Files.exists(dir.resolve("index.txt"))) {
                Files.writeString(dir.resolve("index.txt"), "");
                Files.writeString(dir.resolve("serial"), "1000\n");
            }
            Files.writeString(dir.resolve(name + ".ext"), EXTENSIONS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + name));
        run(List.of("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.crt", "-keyfile", "ca.key", "-notext",
                "-in", name + ".csr", "-out", name + ".crt", "-extfile", name + ".ext",
                "-startdate", OPENSSL_DATE.format(notBefore), "-enddate", OPENSSL_DATE.format(notAfter)));
        return List.of(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }

    private void run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(openssl);
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("openssl " + args.get(0) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void delete() {
        TempDirs.delete(dir);
    }
}
