package dev.counter.operator.workload;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Kubernetes' canonical form of resource quantities ("1000m" becomes "1", "1024Mi" becomes "1Gi").
 *
 * <p>The API server stores a Deployment's quantities in this form. Writing anything else makes the
 * non-SSA matcher see a difference on every reconcile and update the Deployment forever.
 */
public final class Quantities {

    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
    private static final BigInteger KIBI = BigInteger.valueOf(1024);
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final Map<Integer, String> DECIMAL_SUFFIXES =
            Map.of(
                    -9, "n", -6, "u", -3, "m", 0, "", 3, "k", 6, "M", 9, "G", 12, "T", 15, "P", 18,
                    "E");

    /** Kubernetes keeps quantities to nano precision, rounding up. */
    private static final int NANO_SCALE = 9;

    private Quantities() {}

    /**
     * Parses a quantity as Kubernetes would accept it for a container resource.
     *
     * @throws IllegalArgumentException when the text is no quantity or is negative
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty quantity");
        }
        BigDecimal value;
        try {
            value = Quantity.parse(text.trim()).getNumericalAmount();
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a quantity", e);
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        return value;
    }

    public static Quantity canonical(Quantity quantity) {
        return new Quantity(canonical(quantity.toString()));
    }

    /** The canonical text of a quantity, keeping its family (binary, decimal or exponent). */
    public static String canonical(String text) {
        BigDecimal value = parse(text);
        if (value.signum() == 0) {
            return "0";
        }
        String suffix = Quantity.parse(text.trim()).getFormat();
        boolean binary = suffix != null && suffix.endsWith("i");
        // Kubernetes writes binary quantities below 1Ki, or with fractional bytes, in decimal form.
        if (binary && value.compareTo(BigDecimal.valueOf(1024)) >= 0 && isWhole(value)) {
            return binaryForm(value.toBigIntegerExact());
        }
        boolean exponent = suffix != null && (suffix.startsWith("e") || suffix.startsWith("E"));
        return decimalForm(value, exponent);
    }

    private static boolean isWhole(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }

    private static String binaryForm(BigInteger bytes) {
        int power = 0;
        while (power < BINARY_SUFFIXES.length - 1 && bytes.mod(KIBI).signum() == 0) {
            bytes = bytes.divide(KIBI);
            power++;
        }
        return bytes + BINARY_SUFFIXES[power];
    }

    private static String decimalForm(BigDecimal value, boolean exponentNotation) {
        BigInteger mantissa =
                value.setScale(NANO_SCALE, RoundingMode.CEILING)
                        .movePointRight(NANO_SCALE)
                        .toBigInteger();
        int exponent = -NANO_SCALE;
        while (exponent < 18 && mantissa.mod(THOUSAND).signum() == 0) {
            mantissa = mantissa.divide(THOUSAND);
            exponent += 3;
        }
        if (exponentNotation) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        return mantissa + DECIMAL_SUFFIXES.get(exponent);
    }
}
