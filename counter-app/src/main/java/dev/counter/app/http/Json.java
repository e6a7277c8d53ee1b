package dev.counter.app.http;

/** The few JSON pieces the endpoints write; bodies are built by hand because they are fixed shapes. */
final class Json {
    /** The most characters of client-sent text an answer repeats, so that answers stay small. */
    static final int MAX_ECHO = 256;

    private Json() {
    }

    /** Whether {@link #echo} cuts {@code s}. */
    static boolean exceedsEcho(String s) {
        return s.length() > MAX_ECHO;
    }

    /**
     * Client-sent {@code s} to repeat in an answer: whole when short, else its first
     * {@link #MAX_ECHO} characters (never half a surrogate pair) followed by {@code …}.
     */
    static String echo(String s) {
        if (!exceedsEcho(s)) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX_ECHO - 1)) ? MAX_ECHO - 1 : MAX_ECHO;
        return s.substring(0, end) + "\u2026";
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
        return out.append('"').toString();
    }

    /** {@code {"error":"<message>"}}, the body of every 4xx/5xx answer, plus optional fields. */
    static String error(String message, String... extraKeyValues) {
        StringBuilder out = new StringBuilder("{\"error\":").append(quote(message));
        for (int i = 0; i + 1 < extraKeyValues.length; i += 2) {
            out.append(',').append(quote(extraKeyValues[i])).append(':').append(quote(extraKeyValues[i + 1]));
        }
        return out.append('}').toString();
    }
}
