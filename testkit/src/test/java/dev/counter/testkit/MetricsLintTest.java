package dev.counter.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsLintTest {

    @Test
    void cleanExpositionGivesItsFamilies() {
        Map<String, String> families = MetricsLint.assertClean("""
                # HELP requests_total Requests served.
                # TYPE requests_total counter
                requests_total{route="/a"} 3
                # HELP latency_seconds Latency.
                # TYPE latency_seconds histogram
                latency_seconds_bucket{le="0.1"} 1
                latency_seconds_bucket{le="+Inf"} 2
                latency_seconds_sum 0.3
                latency_seconds_count 2
                """);
        assertEquals(Map.of("latency_seconds", "histogram", "requests_total", "counter"), families);
    }

    @Test
    void reportsPromlintProblemsMissingDeclarationsAndDuplicates() {
        MetricsLint.Report report = MetricsLint.check("""
                # HELP requests Requests served.
                # TYPE requests counter
                requests 3
                # HELP duration_ms Latency.
                # TYPE duration_ms gauge
                duration_ms 5
                undeclared 1
                # HELP twice_total First.
                # TYPE twice_total counter
                twice_total{a="1"} 1
                # HELP other Other.
                # TYPE other gauge
                other 1
                # HELP twice_total Again.
                # TYPE twice_total counter
                twice_total{a="2"} 1
                """);
        List<String> problems = report.problems();
        assertTrue(problems.contains("requests: counter metrics should have \"_total\" suffix"), problems::toString);
        assertTrue(problems.contains("duration_ms: metric names should not contain abbreviated units"),
                problems::toString);
        assertTrue(problems.contains("undeclared: sample of a family without TYPE"), problems::toString);
        assertTrue(problems.contains("twice_total: TYPE declared 2 times (duplicate family)"), problems::toString);
    }

    @Test
    void assertCleanFailsListingTheProblems() {
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> MetricsLint.assertClean("# TYPE up gauge\nup 1\n"));
        assertTrue(e.getMessage().contains("up: no HELP line"), e::getMessage);
    }
}
