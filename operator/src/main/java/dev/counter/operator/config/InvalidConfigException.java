package dev.counter.operator.config;

/** An environment variable has a value the operator cannot use. */
public class InvalidConfigException extends RuntimeException {

    private final String variable;

    public InvalidConfigException(String variable, String value, String expected) {
        super("invalid " + variable + "='" + value + "': " + expected);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
