package dev.counter.operator.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.MDC;

/**
 * One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code thread}, {@code
 * message}, the SLF4J MDC (JOSDK puts the reconciled resource there) and {@code error}.
 */
public final class JsonLineFormatter extends Formatter {

    private static final Map<Level, String> LEVEL_NAMES =
            Map.of(
                    Level.SEVERE, "ERROR",
                    Level.WARNING, "WARN",
                    Level.INFO, "INFO",
                    Level.CONFIG, "INFO",
                    Level.FINE, "DEBUG",
                    Level.FINER, "TRACE",
                    Level.FINEST, "TRACE");

    @Override
    public String format(LogRecord record) {
        var json = new StringBuilder(256).append('{');
        field(json, "time", DateTimeFormatter.ISO_INSTANT.format(record.getInstant()));
        field(
                json,
                "level",
                LEVEL_NAMES.getOrDefault(record.getLevel(), record.getLevel().getName()));
        field(json, "logger", record.getLoggerName());
        // formatting happens on the logging thread, before any hand-off
        field(json, "thread", Thread.currentThread().getName());
        field(json, "message", formatMessage(record));
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        if (mdc != null) {
            new TreeMap<>(mdc).forEach((key, value) -> field(json, key, value));
        }
        if (record.getThrown() != null) {
            var trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            field(json, "error", trace.toString());
        }
        json.setLength(json.length() - 1);
        return json.append("}\n").toString();
    }

    private static void field(StringBuilder json, String key, String value) {
        json.append('"');
        escape(json, key);
        json.append("\":\"");
        escape(json, value == null ? "" : value);
        json.append("\",");
    }

    static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
