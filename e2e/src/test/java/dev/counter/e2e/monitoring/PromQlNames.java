package dev.counter.e2e.monitoring;

import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>It also tells which labels an expression expects on which metrics: the labels of a metric's
 * matchers, and the {@code by} labels of an aggregation on the metrics of its argument.
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

    private static final Set<String> AGGREGATIONS =
            Set.of(
                    "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk",
                    "bottomk", "quantile", "count_values", "limitk", "limit_ratio");

    /** {@code label} is expected on at least one of {@code metrics}. */
    record LabelUse(String label, SortedSet<String> metrics) {}

    private final String expr;
    private int pos;
    private final SortedSet<String> names = new TreeSet<>();
    private final List<LabelUse> labels = new ArrayList<>();

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

    static List<LabelUse> labelUses(String expr) {
        PromQlNames lexer = new PromQlNames(expr);
        lexer.run();
        return lexer.labels;
    }

    private void run() {
        for (skipBlanks(); pos < expr.length(); skipBlanks()) {
            char c = expr.charAt(pos);
            if (isQuote(c)) {
                skipString();
            } else if (c == '{') {
                matchers(null);
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
        } else if (AGGREGATIONS.contains(lower)) {
            aggregation();
        } else if (!parenthesis && !KEYWORDS.contains(lower)) {
            names.add(word);
            if (pos < expr.length() && expr.charAt(pos) == '{') {
                matchers(word);
            }
        }
    }

    /**
     * {@code sum by (a) (x)} or {@code sum (x) by (a)}: records a on the metrics of x, and leaves
     * the lexer at the argument, whose names are lexed as usual.
     */
    private void aggregation() {
        List<String> by = new ArrayList<>(groupingClause());
        if (pos >= expr.length() || expr.charAt(pos) != '(') {
            return;
        }
        int end = matchingParenthesis(pos);
        int argument = pos;
        pos = end + 1;
        skipBlanks();
        by.addAll(groupingClause());
        SortedSet<String> metrics = of(expr.substring(argument + 1, end));
        by.forEach(label -> labels.add(new LabelUse(label, metrics)));
        pos = argument;
    }

    /** The labels of a {@code by (…)} at the position (consumed), none for {@code without}. */
    private List<String> groupingClause() {
        int start = pos;
        if (pos >= expr.length() || !isIdentifierStart(expr.charAt(pos))) {
            return List.of();
        }
        String word = readIdentifier().toLowerCase(Locale.ROOT);
        skipBlanks();
        if (!(word.equals("by") || word.equals("without")) || pos >= expr.length() || expr.charAt(pos) != '(') {
            pos = start;
            return List.of();
        }
        int end = closing('(', ')', pos);
        String list = expr.substring(pos + 1, end);
        pos = end + 1;
        skipBlanks();
        if (word.equals("without")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String label : list.split(",")) {
            String name = label.strip().replaceAll("^[\"'`]|[\"'`]$", "");
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    /** The {@code )} that closes the {@code (} at {@code from}, over strings, matchers and ranges. */
    private int matchingParenthesis(int from) {
        int saved = pos;
        pos = from;
        int depth = 0;
        try {
            while (pos < expr.length()) {
                char c = expr.charAt(pos);
                if (isQuote(c)) {
                    skipString();
                } else if (c == '{') {
                    pos = closing('{', '}', pos) + 1;
                } else if (c == '[') {
                    pos = closing('[', ']', pos) + 1;
                } else if (c == '#') {
                    skipComment();
                } else {
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    if (depth == 0) {
                        return pos;
                    }
                    pos++;
                }
            }
            throw new IllegalArgumentException("'(' at " + from + " is never closed: " + expr);
        } finally {
            pos = saved;
        }
    }

    /**
     * {@code {a="x", b=~"y"}}: only {@code __name__="x"} and a bare string (Prometheus 3's {@code
     * {"x"}}) name a metric; the labels are expected on {@code metric} when it is named before.
     */
    private void matchers(String metric) {
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
                    } else if (metric != null && !label.equals("__name__")) {
                        labels.add(new LabelUse(label, new TreeSet<>(Set.of(metric))));
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
