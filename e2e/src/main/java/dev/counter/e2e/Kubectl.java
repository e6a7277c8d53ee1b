package dev.counter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl, as a user types it, against one kubeconfig. */
public final class Kubectl {

    /** What one kubectl run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The output, or an error naming the command and what it said. */
        public String orFail(List<String> args) {
            if (!ok()) {
                throw new IllegalStateException(
                        "kubectl "
                                + String.join(" ", args)
                                + " exited "
                                + exitCode
                                + ": "
                                + stderr);
            }
            return stdout;
        }
    }

    private final String binary;
    private final Path kubeconfig;

    public Kubectl(String binary, Path kubeconfig) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs kubectl; its output, failing when it exits non-zero. */
    public String run(String... args) {
        return exec(null, args).orFail(List.of(args));
    }

    /** Runs kubectl with {@code input} on its standard input. */
    public String runWithInput(String input, String... args) {
        return exec(input, args).orFail(List.of(args));
    }

    /** Runs kubectl and returns how it ended, for commands expected to fail. */
    public Result exec(String input, String... args) {
        List<String> command =
                new ArrayList<>(List.of(binary, "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl-", ".out");
            Path err = Files.createTempFile("kubectl-", ".err");
            try {
                Process process =
                        new ProcessBuilder(command)
                                .redirectOutput(out.toFile())
                                .redirectError(err.toFile())
                                .start();
                try (var stdin = process.getOutputStream()) {
                    if (input != null) {
                        stdin.write(input.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl " + String.join(" ", args) + " hung");
                }
                return new Result(
                        process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
