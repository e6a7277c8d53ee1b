package dev.counter.app.backend.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.counter.app.backend.FibonacciPair;
import dev.counter.testkit.Fibonacci;
import dev.counter.testkit.RedisServer;
import dev.counter.testkit.SharedStores;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fibonacci_next.lua}, the limb-wise decimal adder, against a real redis-server, checked
 * against {@link BigInteger}. The hash is seeded with plain decimal strings, the form every version
 * of the script has stored, so these runs also show that existing state is read as it is.
 */
class RedisFibonacciTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final BigInteger TEN = BigInteger.TEN;

    private final RedisServer redis = SharedStores.redis();
    private String key;
    private RedisBackend backend;

    @BeforeEach
    void start() {
        key = "fib-" + UUID.randomUUID();
        backend = new RedisBackend(URI.create(redis.url()), key, TIMEOUT);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private String hash() {
        return "{" + key + "}:fib";
    }

    private void seed(Object current, Object next) {
        redis.command("DEL", hash());
        assertEquals(":2", redis.command("HSET", hash(), "current", current.toString(), "next", next.toString()));
    }

    /** The state after n steps, (F(n), F(n+1)), from the reference. */
    private static FibonacciPair after(int n) {
        BigInteger[] f = Fibonacci.pair(n);
        return new FibonacciPair(f[0], f[1]);
    }

    private BigInteger next() {
        return backend.fibonacciNext().join();
    }

    @Test
    void fromTheStartEveryStepIsExact() {
        FibonacciPair expected = FibonacciPair.START;
        // F(3000) has 627 digits: the sums cross 41 limb boundaries on the way
        for (int n = 1; n <= 3000; n++) {
            expected = expected.advance();
            assertEquals(expected.current(), next(), "F(" + n + ")");
        }
        assertEquals(after(3000), expected);
        assertEquals(expected.current(), backend.fibonacciCurrent().join());
        assertEquals(expected.previous(), backend.fibonacciPrevious().join());
    }

    @Test
    void fromALargeStoredStateItContinuesExactly() {
        int start = 100_000;
        FibonacciPair expected = after(start);
        seed(expected.current(), expected.next());
        assertEquals(expected.current(), backend.fibonacciCurrent().join());
        for (int n = start + 1; n <= start + 100; n++) {
            expected = expected.advance();
            assertEquals(expected.current(), next(), "F(" + n + ")");
        }
        assertEquals(after(start + 100), expected);
        assertEquals(expected.previous(), backend.fibonacciPrevious().join());
    }

    /** At F(10^6), 208,988 digits, one step is one pass: far within the deadline, exact. */
    @Test
    void aStepAtAMillionIsExactAndWithinTheDeadline() {
        FibonacciPair state = after(1_000_000);
        seed(state.current(), state.next());
        assertEquals(state.next(), next());
        assertEquals(state.advance().next(), next());
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({
        // 10^15 - 1 is one full limb: the carry opens a new one
        "999999999999999, 1",
        "1, 999999999999999",
        "999999999999999, 999999999999999",
        "1000000000000000, 999999999999999",
        // a carry through every limb
        "999999999999999999999999999999999999999999999, 1",
        // limbs that are all zeros, and numbers of 14, 15, 16, 29, 30, 31 digits
        "1000000000000000000000000000000, 1000000000000000000000000000000",
        "99999999999999, 1",
        "12345678901234567, 98765432109876543210987654321",
        "123456789012345678901234567890, 987654321098765432109876543210",
        "500000000000000000000000000000000000000000000, 500000000000000000000000000000000000000000000",
        "0, 0",
        "0, 1",
        "7, 0",
    })
    void sumsAcrossLimbBoundariesAreExact(String a, String b) {
        assertSum(new BigInteger(a), new BigInteger(b));
    }

    @Test
    void randomSumsOfAnyLengthAreExact() {
        Random random = new Random(20261123);
        for (int i = 0; i < 300; i++) {
            assertSum(randomNumber(random), randomNumber(random));
        }
        // ten to the power of every length around the limb size, minus one, plus one
        for (int digits = 1; digits <= 62; digits++) {
            assertSum(TEN.pow(digits).subtract(BigInteger.ONE), BigInteger.ONE);
        }
    }

    private static BigInteger randomNumber(Random random) {
        int digits = 1 + random.nextInt(random.nextBoolean() ? 40 : 400);
        StringBuilder s = new StringBuilder().append(1 + random.nextInt(9));
        for (int d = 1; d < digits; d++) {
            // runs of 9s make long carries, runs of 0s empty limbs
            int kind = random.nextInt(4);
            s.append(kind == 0 ? '9' : kind == 1 ? '0' : (char) ('0' + random.nextInt(10)));
        }
        return new BigInteger(s.toString());
    }

    /** Seeds (a, b): /next returns b and stores a + b as next, which the next /next returns. */
    private void assertSum(BigInteger a, BigInteger b) {
        seed(a, b);
        assertEquals(b, next());
        assertEquals(a.add(b), next(), () -> a + " + " + b);
    }

    @Test
    void aHandEditedValueIsRefusedAndLeftAsItIs() {
        for (String bad : new String[] {"12a", "-5", "1e5", " 7", "+3", "1.5", ""}) {
            seed(bad, "5");
            CompletionException e = assertThrows(CompletionException.class, this::next, bad);
            assertEquals(("$" + bad.length() + "\r\n" + bad).trim(), redis.command("HGET", hash(), "current"), bad);
            assertEquals("$1\r\n5", redis.command("HGET", hash(), "next"));
            assertEquals(true, String.valueOf(e.getCause()).contains("is not a non-negative decimal integer"),
                    () -> String.valueOf(e.getCause()));
        }
        seed("2", "3");
        assertEquals(BigInteger.valueOf(3), next());
        assertEquals(BigInteger.valueOf(5), next());
    }
}
