package dev.atomicint;

import java.math.BigInteger;

/**
 * A binary operation on integers, computed on longs while the exact result fits in one and on
 * BigIntegers always. {@link IntOp} is the public kind; AtomicInt adds "replace" for set.
 */
interface IntBinaryOp {
    /** Returns the exact result, or throws {@link LongOverflow} when it is not a long. */
    long applyExact(long a, long b);

    /** Returns the exact result. */
    BigInteger apply(BigInteger a, BigInteger b);
}
