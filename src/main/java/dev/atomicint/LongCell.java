package dev.atomicint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;

/**
 * A cell for an {@link AtomicInt}'s value in [-2^62, 2^62), made fresh each time the value comes
 * back into that range after its first cell, the AtomicInt's own home bits, was frozen: {@code
 * bits} holds {@code value << 1}, and its low bit, once set, marks the cell frozen, immutable
 * forever, so the value can move out of it (see AtomicInt's correctness argument). The static
 * methods interpret the bits of any cell, home or not.
 */
final class LongCell {
    private static final VarHandle BITS;

    static {
        try {
            BITS = MethodHandles.lookup().findVarHandle(LongCell.class, "bits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The lowest value a cell holds. */
    static final long MIN_VALUE = -(1L << 62);
    /** The highest value a cell holds. */
    static final long MAX_VALUE = (1L << 62) - 1;

    /** Odd {@code bits} never occur in a live cell: methods returning bits use it for "no bits". */
    static final long NO_BITS = 1;

    private volatile long bits;

    /** A live cell; {@code value} must be in range. */
    LongCell(long value) {
        BITS.set(this, value << 1); // plain: the cell is published through a volatile write or CAS of the state
    }

    static boolean inRange(long value) {
        return (value << 1) >> 1 == value;
    }

    static boolean inRange(BigInteger value) {
        return value.bitLength() < Long.SIZE - 1;
    }

    static boolean isFrozen(long bits) {
        return (bits & 1) != 0;
    }

    static long valueOf(long bits) {
        return bits >> 1;
    }

    /**
     * The bits of a live cell after {@code value = op(value, x)}, or odd bits when the cell is frozen
     * or the result out of range (then the caller must take the slow path).
     */
    static long applyToBits(IntBinaryOp op, long bits, long x) {
        if (op == IntOp.ADD && inRange(x)) { // the hot case, on the bits directly: a frozen cell stays odd
            long addend = x << 1;
            long sum = bits + addend;
            return ((bits ^ sum) & (addend ^ sum)) < 0 ? NO_BITS : sum; // overflow: out of range
        }
        if (isFrozen(bits)) {
            return NO_BITS;
        }
        try {
            long r = op.applyExact(valueOf(bits), x);
            return inRange(r) ? r << 1 : NO_BITS;
        } catch (LongOverflow e) {
            return NO_BITS;
        }
    }

    long bits() {
        return bits; // volatile: the freshest value, ordered after the read of the state that led here
    }

    /** CAS from live bits to new live bits; returns the witness bits, {@code expectedBits} on success. */
    long compareAndExchange(long expectedBits, long newBits) {
        return (long) BITS.compareAndExchange(this, expectedBits, newBits); // volatile, like AtomicLong's CAS
    }

    /** Freezes a live cell whose bits are still {@code expectedBits}; returns whether this call did it. */
    boolean freeze(long expectedBits) {
        return BITS.compareAndSet(this, expectedBits, expectedBits | 1); // volatile: no update may slip in before the freeze
    }
}
