package dev.counter.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real server binaries the tests need; a missing one fails the test with the fix. */
public final class Binaries {
    private Binaries() {
    }

    public static String require(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(command + " is not installed: the tests need a real " + command
                + " (Debian package " + debianPackage + "); `make test` or `make deps` installs it");
    }
}
