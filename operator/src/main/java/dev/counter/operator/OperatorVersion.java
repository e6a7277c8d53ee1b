package dev.counter.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The operator's release version, written into a resource by Maven resource filtering. */
public final class OperatorVersion {

    private static final String RESOURCE = "version.properties";
    private static final String VERSION = load();

    private OperatorVersion() {}

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = OperatorVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing resource " + RESOURCE + " next to OperatorVersion");
            }
            var properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(
                        RESOURCE + " was not filtered by the build: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
