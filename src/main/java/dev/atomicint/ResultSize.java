package dev.atomicint;

import static dev.atomicint.IntOp.MAX_BIT_LENGTH;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Enforces {@link IntOp#MAX_BIT_LENGTH}: on every value stored ({@link #storable}), and for the
 * operations whose result can dwarf their operands (multiplication, power, left shift): a lower bound on the result's bit length is checked before
 * computing, from the operands' bit lengths and top bits only (no allocation proportional to their
 * size), and the exact bit length after. So an absurd request fails at once, a product or power just
 * over the limit too (squaring 2^(2^27) used to take 8-17 s to fail, 3 ** 169_363_917 76 s), and no
 * result ever exceeds the limit.
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
        long atLeast = productBitLengthAtLeast(a, b);
        if (atLeast > MAX_BIT_LENGTH) {
            throw tooLarge("at least " + atLeast);
        }
    }

    /**
     * A lower bound on {@code a.multiply(b).bitLength()} for non-zero {@code a} and {@code b},
     * from their top 30 bits (constant allocation): |a| >= ta * 2^sa with ta = floor(|a| / 2^sa),
     * likewise for b, so |ab| >= P * 2^s with P = ta * tb (at most 62 bits) and s = sa + sb. It is
     * exact when the operands' lower bits are all zero (powers of two among them, as in squaring
     * 2^k), and off by at most one otherwise, only when P lies within 2^-28 of a power of two.
     */
    static long productBitLengthAtLeast(BigInteger a, BigInteger b) {
        int sa = Math.max(0, a.bitLength() - 30);
        int sb = Math.max(0, b.bitLength() - 30);
        long p = topBits(a, sa) * topBits(b, sb);
        long bits = (Long.SIZE - Long.numberOfLeadingZeros(p)) + (long) sa + sb;
        // a negative product's bitLength is that of |ab| - 1 >= P * 2^s - 1, one less when P is a power of two
        boolean negative = a.signum() != b.signum();
        return negative && Long.bitCount(p) == 1 ? bits - 1 : bits;
    }

    /** floor(|x| / 2^shift), for a shift that leaves at most 31 bits. */
    private static long topBits(BigInteger x, int shift) {
        long floor = x.shiftRight(shift).longValue(); // floor(x / 2^shift): for x < 0, -ceil(|x| / 2^shift)
        if (x.signum() >= 0) {
            return floor;
        }
        return -floor - (x.getLowestSetBit() < shift ? 1 : 0);
    }

    /**
     * The error bound of the power pre-check's estimate, in bits: its double arithmetic on a 2^28-bit
     * scale is off by less than 10^-6 bits, so 10^-3 is ample. (The margin was 2 bits, which let
     * {@code 3 ** 169_363_917}, two bits over the limit, compute for 76 s before failing.)
     */
    static final double POWER_ESTIMATE_MARGIN = 1e-3;

    /** Before {@code base ** exponent}, for a base other than 0 and +-1 and a non-negative exponent. */
    static void checkPower(BigInteger base, BigInteger exponent) {
        // |base^e| has floor(E) + 1 bits, E = e * log2|base|, and its bitLength is the same unless it
        // is a negative power of two (then E is an integer and the bitLength is E). So an estimate
        // over MAX + margin means E > MAX: at least MAX + 1 bits either way.
        double estimate = exponent.doubleValue() * log2Abs(base);
        if (estimate > MAX_BIT_LENGTH + POWER_ESTIMATE_MARGIN) {
            throw tooLarge(String.format("about %.4g", estimate));
        }
    }

    /** Before {@code a << n}, for {@code n >= 0}: exact, as bitLength(a << n) == bitLength(a) + n. */
    static void checkShiftLeft(BigInteger a, BigInteger n) {
        if (a.signum() != 0 && (n.bitLength() >= Integer.SIZE || a.bitLength() + n.longValue() > MAX_BIT_LENGTH)) {
            throw tooLarge(BoundedText.abbreviated(n.add(BigInteger.valueOf(a.bitLength())))); // n may be huge
        }
    }

    /** After computing: returns {@code r}, or throws when it exceeds the limit. */
    static BigInteger checked(BigInteger r) {
        if (r.bitLength() > MAX_BIT_LENGTH) {
            throw tooLarge(Integer.toString(r.bitLength()));
        }
        return r;
    }

    /**
     * Returns {@code v}, a value about to be stored (a constructor's, a setter's, an update
     * function's or an operation's result), or throws when it exceeds the limit (NullPointerException
     * for null). No allocation.
     */
    static BigInteger storable(BigInteger v) {
        if (Objects.requireNonNull(v, "newValue").bitLength() > MAX_BIT_LENGTH) {
            throw new ArithmeticException("value too large: " + v.bitLength() + " bits (limit " + MAX_BIT_LENGTH + " bits)");
        }
        return v;
    }

    private static double log2Abs(BigInteger a) {
        int shift = Math.max(0, a.bitLength() - Long.SIZE); // keep the top 64 bits, exact enough
        return shift + Math.log(Math.abs(a.shiftRight(shift).doubleValue())) / LN_2;
    }

    private static ArithmeticException tooLarge(String bits) {
        return new ArithmeticException("result too large: " + bits + " bits (limit " + MAX_BIT_LENGTH + " bits)");
    }
}
