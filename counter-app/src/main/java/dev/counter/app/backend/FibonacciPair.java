package dev.counter.app.backend;

import java.math.BigInteger;

/**
 * The Fibonacci state as the pair (current, next) of exact integers, so one step is one addition
 * (the Go seed used uint64 and overflowed silently after F(93)).
 *
 * <p>The seed's contract: the start state is current 0, next 1 and previous 0; {@code /next}
 * returns the old next, which becomes current. After n steps current is F(n).
 */
public record FibonacciPair(BigInteger current, BigInteger next) {

    public static final FibonacciPair START = new FibonacciPair(BigInteger.ZERO, BigInteger.ONE);

    public FibonacciPair advance() {
        return new FibonacciPair(next, current.add(next));
    }

    /**
     * The number before current: next − current, except at the start, where the seed defines it as
     * 0 (F(−1) would be 1).
     */
    public BigInteger previous() {
        return current.signum() == 0 ? BigInteger.ZERO : next.subtract(current);
    }
}
