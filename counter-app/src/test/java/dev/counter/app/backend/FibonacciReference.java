package dev.counter.app.backend;

import java.math.BigInteger;

/** An independent reference for the backends' Fibonacci numbers, in O(log n) multiplications. */
public final class FibonacciReference {
    private FibonacciReference() {
    }

    /** The pair state after n steps, (F(n), F(n+1)). */
    public static FibonacciPair after(int n) {
        BigInteger[] f = fastDoubling(n);
        return new FibonacciPair(f[0], f[1]);
    }

    /** Fast doubling, F(2k) = F(k)(2F(k+1) − F(k)), F(2k+1) = F(k)² + F(k+1)²: {F(n), F(n+1)}. */
    public static BigInteger[] fastDoubling(int n) {
        if (n == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        BigInteger[] half = fastDoubling(n / 2);
        BigInteger f = half[0];
        BigInteger g = half[1];
        BigInteger even = f.multiply(g.shiftLeft(1).subtract(f));
        BigInteger odd = f.multiply(f).add(g.multiply(g));
        return n % 2 == 0 ? new BigInteger[] {even, odd} : new BigInteger[] {odd, even.add(odd)};
    }
}
