package dev.counter.e2e.monitoring;

import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression selects, found by a small lexer rather than a regex: an
 * identifier is a metric name unless it is a function or aggregation (followed by {@code (}), a
 * keyword, a number ({@code Inf}, {@code NaN}), a label inside {@code {...}} or inside the label
 * list of {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/{@code
 * group_right}, or part of a string, a range or a Grafana variable ({@code $__rate_interval},
 * {@code ${namespace}}). {@code {__name__="x"}} names {@code x}. Names are returned as written:
 * whether {@code foo_bucket} belongs to a histogram {@code foo} is the exposition's to say.
 */
final class PromQlNames {

    private static final Set<String> LABEL_LIST_KEYWORDS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    /** Words that are never metric names, also when no parenthesis follows them. */
    private static final Set<String> KEYWORDS =
            Set.of(
                    "offset", "bool", "and", "or", "unless", "atan2",
                    "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk",
                    "bottomk", "quantile", "count_values", "limitk", "limit_ratio",
                    "inf", "nan");

    private final String expr;
    private int pos;
    private final SortedSet<String> names = new TreeSet<>();

    private PromQlNames(String expr) {
        this.expr = expr;
    }

    /**
     * @throws IllegalArgumentException on an unterminated string, matcher list, range or label list,
     *     so a broken expression fails instead of yielding fewer names
     */
    static SortedSet<String> of(String expr) {
        PromQlNames lexer = new PromQlNames(expr);
        lexer.run();
        return lexer.names;
    }

    private void run() {
        for (skipBlanks(); pos < expr.length(); skipBlanks()) {
            char c = expr.charAt(pos);
            if (isQuote(c)) {
                skipString();
            } else if (c == '{') {
                matchers();
            } else if (c == '[') {
                pos = closing('[', ']', pos) + 1;
            } else if (c == '$') {
                skipVariable();
            } else if (isDigit(c) || (c == '.' && pos + 1 < expr.length() && isDigit(expr.charAt(pos + 1)))) {
                skipNumber();
            } else if (isIdentifierStart(c)) {
                identifier();
            } else {
                pos++;
            }
        }
    }

    private void identifier() {
        String word = readIdentifier();
        String lower = word.toLowerCase(Locale.ROOT);
        skipBlanks();
        boolean parenthesis = pos < expr.length() && expr.charAt(pos) == '(';
        if (LABEL_LIST_KEYWORDS.contains(lower)) {
            if (parenthesis) {
                pos = closing('(', ')', pos) + 1;
            }
        } else if (!parenthesis && !KEYWORDS.contains(lower)) {
            names.add(word);
        }
    }

    /**
     * {@code {a="x", b=~"y"}}: only {@code __name__="x"} and a bare string (Prometheus 3's {@code
     * {"x"}}) name a metric.
     */
    private void matchers() {
        int end = closing('{', '}', pos);
        pos++;
        while (pos < end) {
            char c = expr.charAt(pos);
            if (isIdentifierStart(c)) {
                String label = readIdentifier();
                String operator = readOperator();
                skipBlanks();
                if (pos < end && isQuote(expr.charAt(pos))) {
                    String value = readString();
                    // a regex or negative matcher on __name__ names no single metric
                    if (label.equals("__name__") && operator.equals("=")) {
                        names.add(value);
                    }
                }
            } else if (isQuote(c)) {
                names.add(readString());
            } else if (c == '$') {
                skipVariable();
            } else {
                pos++;
            }
        }
        pos = end + 1;
    }

    private String readOperator() {
        skipBlanks();
        int start = pos;
        while (pos < expr.length() && "=!~".indexOf(expr.charAt(pos)) >= 0) {
            pos++;
        }
        return expr.substring(start, pos);
    }

    private String readString() {
        int start = pos;
        skipString();
        String literal = expr.substring(start, pos);
        String body = literal.substring(1, literal.length() - 1);
        return literal.charAt(0) == '`' ? body : body.replaceAll("\\\\(.)", "$1");
    }

    private void skipComment() {
        while (pos < expr.length() && expr.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlanks() {
        while (pos < expr.length()) {
            char c = expr.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    /** "…" and '…' with backslash escapes, `…` raw. */
    private void skipString() {
        int start = pos;
        char quote = expr.charAt(pos++);
        while (pos < expr.length()) {
            char c = expr.charAt(pos++);
            if (c == '\\' && quote != '`') {
                pos++;
            } else if (c == quote) {
                return;
            }
        }
        throw new IllegalArgumentException("unterminated string at " + start + ": " + expr);
    }

    /** {@code $name}, {@code ${name}} or {@code ${name:format}}: Grafana substitutes it. */
    private void skipVariable() {
        pos++;
        if (pos < expr.length() && expr.charAt(pos) == '{') {
            pos = closing('{', '}', pos) + 1;
        } else if (pos < expr.length() && isIdentifierStart(expr.charAt(pos))) {
            readIdentifier();
        }
    }

    /** 42, 1.5e-3, 0x1F, .5, and durations such as 1h30m. */
    private void skipNumber() {
        boolean hex = expr.startsWith("0x", pos) || expr.startsWith("0X", pos);
        pos++;
        while (pos < expr.length()) {
            char c = expr.charAt(pos);
            char previous = expr.charAt(pos - 1);
            boolean exponentSign = !hex && (c == '+' || c == '-') && (previous == 'e' || previous == 'E');
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                pos++;
            } else {
                return;
            }
        }
    }

    private String readIdentifier() {
        int start = pos;
        while (pos < expr.length() && isIdentifierPart(expr.charAt(pos))) {
            pos++;
        }
        return expr.substring(start, pos);
    }

    /** The index of the bracket that closes the one at {@code from}, skipping strings. */
    private int closing(char open, char close, int from) {
        int saved = pos;
        pos = from + 1;
        try {
            while (pos < expr.length()) {
                char c = expr.charAt(pos);
                if (c == close) {
                    return pos;
                }
                if (c == open) {
                    throw new IllegalArgumentException(
                            "nested '" + open + "' at " + pos + ": " + expr);
                }
                if (isQuote(c)) {
                    skipString();
                } else {
                    pos++;
                }
            }
            throw new IllegalArgumentException(
                    "'" + open + "' at " + from + " is never closed: " + expr);
        } finally {
            pos = saved;
        }
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
