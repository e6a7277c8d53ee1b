package dev.counter.e2e.monitoring;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The monitoring files the project ships, read from the repository. */
final class MonitoringFiles {

    /** Set by the surefire configuration in e2e/pom.xml. */
    static final Path REPOSITORY = Path.of(System.getProperty("counter.repository")).normalize();

    static final Path APP_RULES =
            REPOSITORY.resolve(
                    "operator/src/main/resources/dev/counter/operator/monitoring/counterapp-rules.yaml");
    static final Path MONITORING = REPOSITORY.resolve("operator/deploy/monitoring");
    static final Path OPERATOR_RULES = MONITORING.resolve("prometheus-rule.yaml");
    static final Path DASHBOARD = MONITORING.resolve("dashboards/counter-app.json");
    static final Path RUNBOOKS = REPOSITORY.resolve("docs/runbooks.md");

    private MonitoringFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** YAML or JSON into maps, lists and scalars. */
    static <T> T parse(Path file, Class<T> type) {
        return Serialization.unmarshal(read(file), type);
    }

    static String relative(Path file) {
        return REPOSITORY.relativize(file).toString();
    }
}
