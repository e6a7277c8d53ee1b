package dev.counter.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts about the process's resources for the start-up log line. The CPU limit matters because CPU
 * limits are how these counters scale (the Go seed logged its cgroup limit for the same reason).
 */
public final class RuntimeFacts {
    private RuntimeFacts() {
    }

    /**
     * The cgroup CPU limit in cores: "none" when unlimited, "unknown" when no cgroup files are
     * readable (not on Linux, or an unusual mount).
     */
    public static String cgroupCpuLimit(Path cgroupRoot) {
        Optional<String> v2 = read(cgroupRoot.resolve("cpu.max"));
        if (v2.isPresent()) {
            return cpuMaxToCores(v2.get());
        }
        for (String dir : new String[] {"cpu", "cpu,cpuacct", "cpuacct,cpu"}) {
            Optional<String> quota = read(cgroupRoot.resolve(dir).resolve("cpu.cfs_quota_us"));
            Optional<String> period = read(cgroupRoot.resolve(dir).resolve("cpu.cfs_period_us"));
            if (quota.isPresent() && period.isPresent()) {
                return quotaToCores(quota.get(), period.get());
            }
        }
        return "unknown";
    }

    /** cgroup v2 {@code cpu.max}: "max 100000" or "200000 100000". */
    static String cpuMaxToCores(String cpuMax) {
        String[] parts = cpuMax.trim().split("\\s+");
        if (parts.length != 2) {
            return "unknown";
        }
        return parts[0].equals("max") ? "none" : quotaToCores(parts[0], parts[1]);
    }

    /** cgroup v1 CFS quota: a quota of -1 means unlimited. */
    static String quotaToCores(String quota, String period) {
        try {
            long q = Long.parseLong(quota.trim());
            long p = Long.parseLong(period.trim());
            if (q <= 0 || p <= 0) {
                return "none";
            }
            return String.format(Locale.ROOT, "%.2f cores", (double) q / p);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    public static String maxHeap() {
        long bytes = Runtime.getRuntime().maxMemory();
        return bytes == Long.MAX_VALUE ? "unlimited" : (bytes >> 20) + " MiB";
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
