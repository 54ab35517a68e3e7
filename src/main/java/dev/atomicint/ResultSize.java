package dev.atomicint;

import static dev.atomicint.IntOp.MAX_BIT_LENGTH;

import java.math.BigInteger;

/**
 * Enforces {@link IntOp#MAX_BIT_LENGTH} for the operations whose result can dwarf their operands
 * (multiplication, power, left shift): a lower bound on the result's bit length is checked before
 * computing, from the operands' bit lengths only (constant time, no allocation), and the exact bit
 * length after. So an absurd request fails at once, and no result ever exceeds the limit.
 */
final class ResultSize {
    private static final double LN_2 = Math.log(2);

    private ResultSize() {
    }

    /** Before {@code a * b}. */
    static void checkProduct(BigInteger a, BigInteger b) {
        if (a.signum() == 0 || b.signum() == 0) {
            return;
        }
        // |ab| has at least bits(|a|) + bits(|b|) - 1 bits; bitLength() is at most one below bits(|x|)
        long atLeast = (long) a.bitLength() + b.bitLength() - 2;
        if (atLeast > MAX_BIT_LENGTH) {
            throw tooLarge("at least " + atLeast);
        }
    }

    /** Before {@code base ** exponent}, for a base other than 0 and +-1 and a non-negative exponent. */
    static void checkPower(BigInteger base, BigInteger exponent) {
        // |base^e| has floor(e * log2|base|) + 1 bits; the margin of 2 covers rounding and the sign
        double estimate = exponent.doubleValue() * log2Abs(base);
        if (estimate > MAX_BIT_LENGTH + 2.0) {
            throw tooLarge(String.format("about %.4g", estimate));
        }
    }

    /** Before {@code a << n}, for {@code n >= 0}: exact, as bitLength(a << n) == bitLength(a) + n. */
    static void checkShiftLeft(BigInteger a, BigInteger n) {
        if (a.signum() != 0 && (n.bitLength() >= Integer.SIZE || a.bitLength() + n.longValue() > MAX_BIT_LENGTH)) {
            throw tooLarge(n.add(BigInteger.valueOf(a.bitLength())).toString());
        }
    }

    /** After computing: returns {@code r}, or throws when it exceeds the limit. */
    static BigInteger checked(BigInteger r) {
        if (r.bitLength() > MAX_BIT_LENGTH) {
            throw tooLarge(Integer.toString(r.bitLength()));
        }
        return r;
    }

    private static double log2Abs(BigInteger a) {
        int shift = Math.max(0, a.bitLength() - Long.SIZE); // keep the top 64 bits, exact enough
        return shift + Math.log(Math.abs(a.shiftRight(shift).doubleValue())) / LN_2;
    }

    private static ArithmeticException tooLarge(String bits) {
        return new ArithmeticException("result too large: " + bits + " bits (limit " + MAX_BIT_LENGTH + " bits)");
    }
}
