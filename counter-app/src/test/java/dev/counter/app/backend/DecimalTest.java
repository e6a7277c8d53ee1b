package dev.counter.app.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.counter.testkit.Fibonacci;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalTest {
    @Test
    void readsWhatBigIntegerReadsAtEveryLengthAroundTheSplits() {
        Random random = new Random(7);
        int[] lengths = {1, 2, 1023, 1024, 1025, 2047, 2048, 2049, 4096, 4097, 10_000, 65_537};
        for (int length : lengths) {
            for (String text : new String[] {digits(random, length), "9".repeat(length), "1" + "0".repeat(length - 1)}) {
                assertEquals(new BigInteger(text), Decimal.parse(text), () -> length + " digits");
            }
        }
        // leading zeros, whole and inside the halves
        String zeros = "0".repeat(3000) + "123" + "0".repeat(2000) + "45";
        assertEquals(new BigInteger(zeros), Decimal.parse(zeros));
    }

    @Test
    void readsALargeFibonacciNumber() {
        BigInteger f = Fibonacci.pair(1_000_000)[0];
        assertEquals(f, Decimal.parse(f.toString()));
    }

    @Test
    void refusesWhatIsNotDigits() {
        String longText = "1".repeat(5000);
        for (String bad : new String[] {longText + "x", "-" + longText, longText + " ", longText.replace("11111", "1-111"),
            "", "abc", "1.5"}) {
            assertThrows(NumberFormatException.class, () -> Decimal.parse(bad), bad.length() + " characters");
        }
    }

    private static String digits(Random random, int length) {
        StringBuilder s = new StringBuilder(length).append((char) ('1' + random.nextInt(9)));
        while (s.length() < length) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }
}
