package dev.counter.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java dev.counter.operator.OperatorMain} as a process: exit codes and the one-line error.
 */
class OperatorProcessTest {

    @TempDir Path home;

    @Test
    void withoutAnyClusterItExitsWith1AndSaysWhy() throws Exception {
        Result result = run(Map.of());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(line)
                                        .startsWith(
                                                "counter-operator: cannot reach the Kubernetes API"
                                                    + " at ")
                                        .contains(
                                                "(no kubeconfig found and not running in a"
                                                    + " cluster)"));
    }

    @Test
    void anInvalidVariableExitsWith2NamingIt() throws Exception {
        Result result = run(Map.of("OPERATOR_HTTP_PORT", "eighty"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr())
                .containsExactly(
                        "counter-operator: invalid OPERATOR_HTTP_PORT='eighty': expected a port"
                            + " number from 1 to 65535");
    }

    private record Result(int exitCode, List<String> stderr) {}

    private Result run(Map<String, String> env) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var builder =
                new ProcessBuilder(
                                java.toString(),
                                // even where the tests run inside a pod, the child must not find a
                                // service account
                                "-Dkubernetes.auth.tryServiceAccount=false",
                                "-cp",
                                System.getProperty("java.class.path"),
                                OperatorMain.class.getName())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(home.resolve("stderr").toFile());
        // no kubeconfig, no service account: HOME points at an empty directory
        builder.environment().clear();
        builder.environment().put("HOME", home.toString());
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("operator process ended").isTrue();
        return new Result(
                process.exitValue(),
                Files.readAllLines(home.resolve("stderr"), StandardCharsets.UTF_8));
    }
}
