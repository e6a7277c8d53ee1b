package dev.counter.e2e.monitoring;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The samples of a Prometheus text (or OpenMetrics) exposition by name, each with the label names
 * its series carry: what a PromQL selector can match. A histogram {@code foo} exposes {@code
 * foo_bucket}, {@code foo_count} and {@code foo_sum}; a counter its {@code _total} name; both only
 * once a series exists.
 */
final class Exposition {

    private final String text;
    private int pos;

    private Exposition(String text) {
        this.text = text;
    }

    /** Sample name to the union of its series' label names. */
    static Map<String, Set<String>> labelsByName(String text) {
        Map<String, Set<String>> out = new TreeMap<>();
        text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> new Exposition(line).sample(out));
        return out;
    }

    private void sample(Map<String, Set<String>> into) {
        String name = name();
        if (name.isEmpty() || pos == text.length() || " {".indexOf(text.charAt(pos)) < 0) {
            throw new IllegalArgumentException("not a sample line: " + text);
        }
        Set<String> labels = into.computeIfAbsent(name, n -> new TreeSet<>());
        if (text.charAt(pos) == '{') {
            pos++;
            while (text.charAt(pos) != '}') {
                labels.add(name());
                expect('=');
                skipQuoted();
                if (text.charAt(pos) == ',') {
                    pos++;
                }
            }
        }
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipQuoted() {
        expect('"');
        while (text.charAt(pos) != '"') {
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + ": " + text);
        }
        pos++;
    }

    private static boolean isNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                || (!first && c >= '0' && c <= '9');
    }
}
