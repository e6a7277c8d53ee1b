package dev.counter.e2e.monitoring;

import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the samples in a Prometheus text (or OpenMetrics) exposition: what a PromQL
 * selector can match. A histogram {@code foo} exposes {@code foo_bucket}, {@code foo_count} and
 * {@code foo_sum}; a counter its {@code _total} name; both only once a series exists.
 */
final class Exposition {

    private Exposition() {}

    static Set<String> sampleNames(String text) {
        Set<String> names = new TreeSet<>();
        text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> names.add(nameOf(line)));
        return names;
    }

    private static String nameOf(String sample) {
        int end = 0;
        while (end < sample.length() && isNameChar(sample.charAt(end), end == 0)) {
            end++;
        }
        if (end == 0 || end == sample.length() || " {".indexOf(sample.charAt(end)) < 0) {
            throw new IllegalArgumentException("not a sample line: " + sample);
        }
        return sample.substring(0, end);
    }

    private static boolean isNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                || (!first && c >= '0' && c <= '9');
    }
}
