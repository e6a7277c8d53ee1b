package dev.counter.meters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.testkit.MetricsLint;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardMetersTest {

    @Test
    void jvmAndProcessFamiliesPassPrometheusLintOnceEach() {
        try (StandardMeters meters = StandardMeters.create(Tags.of("backend", "memory"))) {
            String text = meters.registry().scrape();
            Map<String, String> families = MetricsLint.assertClean(text, StandardMeters.ACCEPTED_LINT_FINDINGS);
            for (String name : List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes", "process_cpu_usage", "process_uptime_seconds",
                    "process_files_open_files", "process_files_max_files")) {
                assertTrue(families.containsKey(name), name + " in " + families.keySet());
            }
            assertEquals("counter", families.get("process_cpu_seconds_total"));
            assertEquals("gauge", families.get("process_resident_memory_bytes"));
            assertEquals("gauge", families.get("process_start_time_seconds"));
            assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\",backend=\"memory\",id=\""), text);
        }
    }

    @Test
    void micrometersOwnCpuTimeAndStartTimeAreDroppedForThePrometheusNames() {
        try (StandardMeters meters = StandardMeters.create(Tags.empty())) {
            Map<String, String> families = MetricsLint.assertClean(meters.registry().scrape(), StandardMeters.ACCEPTED_LINT_FINDINGS);
            assertTrue(families.keySet().stream().noneMatch(n -> n.startsWith("process_cpu_time")), families::toString);
            assertTrue(meters.registry().find("process.start.time").meters().isEmpty());
            assertTrue(MetricsLint.check(meters.registry().scrape()).problems()
                    .containsAll(StandardMeters.ACCEPTED_LINT_FINDINGS), "the accepted findings are still real");
        }
    }
}
