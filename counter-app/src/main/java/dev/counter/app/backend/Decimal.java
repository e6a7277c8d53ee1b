package dev.counter.app.backend;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses long decimal text in less than quadratic time. {@code new BigInteger(String)} multiplies
 * the whole number by 10^9 for every nine digits: 0.2 s at 100,000 digits (F(480,000)), 12 s at
 * 786,000 (F(3.76 million), the last state that fits in etcd), all of it on the thread that
 * completes the store's reply. Splitting the text in halves and joining them with one
 * multiplication by a power of ten lets BigInteger's Karatsuba and Toom-Cook multiplications do the
 * work instead.
 */
public final class Decimal {
    /** Below this many digits BigInteger's own parser is the faster one. */
    static final int DIRECT_DIGITS = 1024;

    private Decimal() {
    }

    /**
     * The non-negative integer written as decimal digits in {@code text}, as
     * {@code new BigInteger(text)} reads it.
     *
     * @throws NumberFormatException when the text is not decimal digits (short texts may also have a
     *     sign, as BigInteger allows)
     */
    public static BigInteger parse(String text) {
        if (text.length() <= DIRECT_DIGITS) {
            return new BigInteger(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a decimal digit at " + i + " of " + text.length() + " characters");
            }
        }
        // powers.get(k) = 10^(DIRECT_DIGITS·2^k): each is the previous one squared
        List<BigInteger> powers = new ArrayList<>();
        powers.add(BigInteger.TEN.pow(DIRECT_DIGITS));
        while ((long) DIRECT_DIGITS << powers.size() < text.length()) {
            BigInteger last = powers.get(powers.size() - 1);
            powers.add(last.multiply(last));
        }
        return parse(text, 0, text.length(), powers);
    }

    private static BigInteger parse(String text, int from, int to, List<BigInteger> powers) {
        int length = to - from;
        if (length <= DIRECT_DIGITS) {
            return new BigInteger(text.substring(from, to));
        }
        // the low part: the largest DIRECT_DIGITS·2^k digits that leave a non-empty high part
        int k = 0;
        while ((long) DIRECT_DIGITS << (k + 1) < length) {
            k++;
        }
        int split = to - (DIRECT_DIGITS << k);
        return parse(text, from, split, powers).multiply(powers.get(k)).add(parse(text, split, to, powers));
    }
}
