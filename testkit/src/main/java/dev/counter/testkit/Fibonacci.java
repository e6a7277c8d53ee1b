package dev.counter.testkit;

import java.math.BigInteger;

/**
 * An independent reference for the service's Fibonacci numbers, in O(log n) multiplications, so
 * that tests and benchmarks can check or seed states far along the sequence.
 */
public final class Fibonacci {
    private Fibonacci() {
    }

    /** {F(n), F(n+1)} by fast doubling: F(2k) = F(k)(2F(k+1) − F(k)), F(2k+1) = F(k)² + F(k+1)². */
    public static BigInteger[] pair(int n) {
        if (n == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        BigInteger[] half = pair(n / 2);
        BigInteger f = half[0];
        BigInteger g = half[1];
        BigInteger even = f.multiply(g.shiftLeft(1).subtract(f));
        BigInteger odd = f.multiply(f).add(g.multiply(g));
        return n % 2 == 0 ? new BigInteger[] {even, odd} : new BigInteger[] {odd, even.add(odd)};
    }
}
