package dev.counter.testkit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks a scraped Prometheus exposition with Prometheus' own Go code: {@code metricslint}
 * (testkit/src/main/go/metricslint) parses it with expfmt, runs promlint — what
 * {@code promtool check metrics} runs — and demands HELP and TYPE for every family and no family
 * declared twice. It is built once per version of its sources with {@code go build} into
 * {@code ~/.cache/counter-operator/metricslint/<hash of the sources>/}, outside the tree.
 */
public final class MetricsLint {
    private static final String SOURCES = "/dev/counter/testkit/go/metricslint/";
    private static final List<String> FILES = List.of("go.mod", "go.sum", "main.go");
    private static final long BUILD_TIMEOUT_SECONDS = 600;
    private static final long RUN_TIMEOUT_SECONDS = 60;

    private static Path binary;

    private MetricsLint() {
    }

    /** What metricslint found: every family with its type, and the problems (none when clean). */
    public record Report(Map<String, String> families, List<String> problems) {
    }

    /**
     * The families of {@code exposition} (name to type, in name order).
     *
     * @param accepted problems that are known and kept on purpose, each exactly as reported
     * @throws AssertionError listing every other problem when the exposition is not clean
     */
    public static Map<String, String> assertClean(String exposition, Set<String> accepted) {
        Report report = check(exposition);
        List<String> problems = report.problems().stream().filter(p -> !accepted.contains(p)).toList();
        if (!problems.isEmpty()) {
            throw new AssertionError("metricslint found " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems) + "\nin:\n" + exposition);
        }
        return report.families();
    }

    public static Map<String, String> assertClean(String exposition) {
        return assertClean(exposition, Set.of());
    }

    public static Report check(String exposition) {
        Path lint = binary();
        try {
            Process p = new ProcessBuilder(lint.toString()).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (var stdin = p.getOutputStream()) {
                stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("metricslint did not finish within " + RUN_TIMEOUT_SECONDS + " s");
            }
            int exit = p.exitValue();
            List<String> problems = lines(err.join());
            if (exit == 2 || (exit != 0 && problems.isEmpty()) || (exit == 0 && !problems.isEmpty())) {
                throw new AssertionError("metricslint failed (exit " + exit + "): " + String.join("\n", problems));
            }
            Map<String, String> families = new LinkedHashMap<>();
            for (String line : lines(out.join())) {
                int space = line.indexOf(' ');
                families.put(line.substring(0, space), line.substring(space + 1));
            }
            return new Report(families, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running metricslint", e);
        }
    }

    /** The binary for the current sources, built on first use. */
    static synchronized Path binary() {
        if (binary == null) {
            Map<String, byte[]> sources = sources();
            Path dir = Path.of(System.getProperty("user.home"), ".cache", "counter-operator", "metricslint",
                    hash(sources));
            Path built = dir.resolve("metricslint");
            if (!Files.isExecutable(built)) {
                build(sources, dir, built);
            }
            binary = built;
        }
        return binary;
    }

    private static Map<String, byte[]> sources() {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = MetricsLint.class.getResourceAsStream(SOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("testkit is missing " + SOURCES + name);
                }
                sources.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static String hash(Map<String, byte[]> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sources.forEach((name, content) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds into a scratch directory and moves the binary in place: concurrent builds cannot clash. */
    private static void build(Map<String, byte[]> sources, Path dir, Path built) {
        String go = goCommand();
        try {
            Files.createDirectories(dir);
            Path scratch = Files.createTempDirectory(dir, "build-");
            for (Map.Entry<String, byte[]> source : sources.entrySet()) {
                Files.write(scratch.resolve(source.getKey()), source.getValue());
            }
            Path output = scratch.resolve("metricslint");
            Process p = new ProcessBuilder(go, "build", "-o", output.toString(), ".")
                    .directory(scratch.toFile()).redirectErrorStream(true).start();
            CompletableFuture<byte[]> log = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            if (!p.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("go build of metricslint did not finish within " + BUILD_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("go build of metricslint failed in " + scratch + ":\n"
                        + new String(log.join(), StandardCharsets.UTF_8));
            }
            try {
                Files.move(output, built, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(output, built, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building metricslint", e);
        }
    }

    private static String goCommand() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "go");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("go is not on PATH: the metrics tests build their linter (Prometheus' expfmt"
                + " parser and promlint, testkit/src/main/go/metricslint) with the Go toolchain; install Go"
                + " 1.26 or later (client_golang 1.25 needs it): https://go.dev/dl/");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
