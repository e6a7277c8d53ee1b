package dev.counter.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFactsTest {

    @Test
    void cgroupV2Limit(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("cpu.max"), "150000 100000\n");
        assertEquals("1.50 cores", RuntimeFacts.cgroupCpuLimit(root));
        Files.writeString(root.resolve("cpu.max"), "max 100000\n");
        assertEquals("none", RuntimeFacts.cgroupCpuLimit(root));
    }

    @Test
    void cgroupV1Quota(@TempDir Path root) throws Exception {
        Path cpu = Files.createDirectories(root.resolve("cpu,cpuacct"));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "400000\n");
        Files.writeString(cpu.resolve("cpu.cfs_period_us"), "100000\n");
        assertEquals("4.00 cores", RuntimeFacts.cgroupCpuLimit(root));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "-1\n");
        assertEquals("none", RuntimeFacts.cgroupCpuLimit(root));
    }

    @Test
    void noCgroupFiles(@TempDir Path root) {
        assertEquals("unknown", RuntimeFacts.cgroupCpuLimit(root));
    }
}
