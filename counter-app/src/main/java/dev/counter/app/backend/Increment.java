package dev.counter.app.backend;

/**
 * The outcome of one increment: the value it produced and the time (epoch seconds) at which that
 * same increment was recorded. {@code /status} derives all three of its fields from one of these,
 * never from separate reads, so a response cannot mix two increments.
 */
public record Increment(long value, long changedEpochSecond) {

    /** The seeds' {@code status} flag: under their mutex variant it always equals "counter is odd". */
    public boolean odd() {
        return (value & 1L) == 1L;
    }
}
