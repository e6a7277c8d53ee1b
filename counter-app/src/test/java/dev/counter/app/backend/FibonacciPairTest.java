package dev.counter.app.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.counter.testkit.Fibonacci;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FibonacciPairTest {

    @Test
    void firstHundredStepsMatchTheReference() {
        FibonacciPair pair = FibonacciPair.START;
        for (int n = 1; n <= 100; n++) {
            pair = pair.advance();
            assertEquals(Fibonacci.pair(n)[0], pair.current(), "F(" + n + ")");
        }
        assertEquals(new BigInteger("354224848179261915075"), pair.current(), "F(100)");
    }

    @Test
    void knownValues() {
        FibonacciPair pair = FibonacciPair.START;
        long[] known = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55};
        for (long k : known) {
            pair = pair.advance();
            assertEquals(BigInteger.valueOf(k), pair.current());
        }
        for (int n = 11; n <= 93; n++) {
            pair = pair.advance();
        }
        assertEquals(new BigInteger("12200160415121876738"), pair.current(), "F(93), past Long.MAX_VALUE");
        for (int n = 94; n <= 103; n++) {
            pair = pair.advance();
        }
        assertEquals(new BigInteger("1500520536206896083277"), pair.current(), "F(103)");
    }

    @Test
    void previousIsZeroAtStartThenTheNumberBeforeCurrent() {
        FibonacciPair pair = FibonacciPair.START;
        assertEquals(BigInteger.ZERO, pair.previous());
        pair = pair.advance(); // current F(1) = 1
        assertEquals(BigInteger.ZERO, pair.previous());
        pair = pair.advance(); // current F(2) = 1
        assertEquals(BigInteger.ONE, pair.previous());
        pair = pair.advance().advance(); // current F(4) = 3
        assertEquals(BigInteger.TWO, pair.previous());
    }
}
