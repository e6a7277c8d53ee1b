package dev.counter.app.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats epoch seconds as UTC RFC 3339 ({@code 2023-12-11T04:45:08Z}). {@code /status} formats
 * the same second tens of thousands of times, so the last result is cached.
 */
final class Rfc3339Seconds {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private record Cached(long second, String text) {
    }

    private volatile Cached last = new Cached(Long.MIN_VALUE, "");

    String format(long epochSecond) {
        Cached c = last;
        if (c.second() != epochSecond) {
            c = new Cached(epochSecond, FORMAT.format(Instant.ofEpochSecond(epochSecond)));
            last = c;
        }
        return c.text();
    }
}
