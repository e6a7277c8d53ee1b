package dev.counter.app.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of environment variables. Every failure is a {@link ConfigException} whose message
 * names the variable, the offending value and what is allowed, so a misconfigured pod says why in
 * one log line.
 */
public final class Env {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    /** The value, or the default when the variable is unset or blank. */
    public String string(String name, String defaultValue) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public int intInRange(String name, int defaultValue, int min, int max) {
        String raw = vars.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw new ConfigException(name + ": invalid value \"" + raw + "\"; allowed: an integer from "
                + min + " to " + max);
    }

    /**
     * A TCP port from 1 to 65535, or {@code off} for a listener the deployment does not want;
     * empty when off. Not 0: in a pod a port picked at random could not be published.
     */
    public OptionalInt portOrOff(String name, int defaultValue) {
        String raw = vars.get(name);
        if (raw != null && raw.trim().equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(intInRange(name, defaultValue, 1, 65535));
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + ", or off");
        }
    }

    public <E extends Enum<E>> E oneOf(String name, Class<E> type, E defaultValue) {
        String raw = vars.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new ConfigException(name + ": invalid value \"" + raw + "\"; allowed: " + allowed);
        }
    }

    /** A positive duration written as {@code 500ms}, {@code 2s} or {@code 1m}. */
    public Duration duration(String name, Duration defaultValue) {
        String raw = vars.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(raw.trim());
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
            if (!d.isZero()) {
                return d;
            }
        }
        throw new ConfigException(name + ": invalid value \"" + raw
                + "\"; allowed: a positive duration such as 500ms, 2s or 1m");
    }

    /** {@link #duration(String, Duration)}, refused outside {@code min} … {@code max}. */
    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        Duration d = duration(name, defaultValue);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(name + ": invalid value \"" + vars.get(name) + "\"; allowed: from "
                    + min.toMillis() + "ms to " + max.toSeconds() + "s");
        }
        return d;
    }

    /** Parses a value with {@code parser}; its exception message becomes the reason. */
    public <T> T parsed(String name, String defaultValue, Function<String, T> parser) {
        String raw = string(name, defaultValue);
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + ": invalid value \"" + raw + "\"; " + e.getMessage());
        }
    }
}
