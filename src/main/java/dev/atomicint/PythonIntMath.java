package dev.atomicint;

import java.math.BigInteger;

/**
 * Python's integer arithmetic where Java's differs: floor division and modulo (rounding toward
 * minus infinity), overflow-checked long arithmetic that signals {@link LongOverflow}, and powers.
 * Arguments are already validated (non-zero divisor, non-negative exponent).
 */
final class PythonIntMath {
    private PythonIntMath() {
    }

    static long addExact(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw LongOverflow.INSTANCE; // both operands' signs differ from the result's
        }
        return r;
    }

    static long subtractExact(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw LongOverflow.INSTANCE;
        }
        return r;
    }

    static long multiplyExact(long a, long b) {
        long r = a * b;
        if (Math.multiplyHigh(a, b) != (r >> 63)) {
            throw LongOverflow.INSTANCE; // the high half is not the sign extension of the low one
        }
        return r;
    }

    static long floorDivExact(long a, long b) {
        if (a == Long.MIN_VALUE && b == -1) {
            throw LongOverflow.INSTANCE; // 2^63
        }
        return Math.floorDiv(a, b);
    }

    static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return needsFloorCorrection(qr[1], b) ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    static BigInteger floorMod(BigInteger a, BigInteger b) {
        BigInteger r = a.remainder(b);
        return needsFloorCorrection(r, b) ? r.add(b) : r;
    }

    /** Truncating division rounded up when the remainder's sign differs from the divisor's. */
    private static boolean needsFloorCorrection(BigInteger remainder, BigInteger divisor) {
        return remainder.signum() != 0 && remainder.signum() != divisor.signum();
    }

    /** {@code base ** exponent} for {@code exponent >= 0}, by repeated squaring. */
    static long powExact(long base, long exponent) {
        long result = 1;
        for (long e = exponent; e != 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result = multiplyExact(result, base);
            }
            if (e > 1) {
                // |base| >= 2 here whenever this overflows, and the result needs base^2 as a factor
                base = multiplyExact(base, base);
            }
        }
        return result;
    }

    /**
     * {@code base ** exponent} for {@code exponent >= 0} when the base is 0, 1 or -1 (any exponent
     * size is fine then), or null for any other base.
     */
    static BigInteger trivialPow(BigInteger base, BigInteger exponent) {
        if (base.signum() == 0) {
            return exponent.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (base.equals(BigInteger.ONE)) {
            return BigInteger.ONE;
        }
        if (base.equals(BigInteger.ONE.negate())) {
            return exponent.testBit(0) ? base : BigInteger.ONE;
        }
        return null;
    }
}
