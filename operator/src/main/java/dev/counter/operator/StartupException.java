package dev.counter.operator;

/** The operator cannot start; carries the process exit code and a one-line reason. */
public class StartupException extends Exception {

    /** No cluster reachable, or the operator could not start watching it. */
    public static final int UNAVAILABLE = 1;

    /** An environment variable has an unusable value. */
    public static final int BAD_CONFIGURATION = 2;

    private final int exitCode;

    public StartupException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
