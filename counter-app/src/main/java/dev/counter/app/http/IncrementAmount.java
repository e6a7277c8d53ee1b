package dev.counter.app.http;

import java.util.Deque;

/**
 * The {@code by} query parameter of {@code /increment}: an integer from 1 to 1,000,000, default 1;
 * and the limit rule the gRPC {@code increment} shares, so both APIs refuse the same amounts with
 * the same words.
 */
public final class IncrementAmount {
    public static final long MAX = 1_000_000;

    private IncrementAmount() {
    }

    /**
     * @param values the parameter's values as Undertow parsed them, null when absent
     * @throws BadRequestException with a message that says what was wrong and what is allowed
     */
    static long parse(Deque<String> values) {
        if (values == null || values.isEmpty()) {
            return 1;
        }
        if (values.size() > 1) {
            throw new BadRequestException("Parameter 'by' must be given at most once");
        }
        String raw = values.getFirst().trim();
        if (!raw.matches("[+-]?\\d{1,18}")) {
            throw new BadRequestException("Parameter 'by' must be an integer from 1 to " + MAX + ", got '" + Json.echo(raw) + "'");
        }
        long by = Long.parseLong(raw);
        String violation = violation(by);
        if (violation != null) {
            throw new BadRequestException(violation);
        }
        return by;
    }

    /** Why {@code by} cannot be added, in the words of the HTTP 400; null when it can. */
    public static String violation(long by) {
        if (by < 0) {
            // The gRPC seed's exact message.
            return "Value cannot be negative";
        }
        if (by == 0 || by > MAX) {
            return "Parameter 'by' must be from 1 to " + MAX + ", got " + by;
        }
        return null;
    }
}
