package dev.atomicint.reliability;

import java.math.BigInteger;

/**
 * Reads per-adder counts out of a value to which each adder only ever added its own weight
 * {@code 2^(32 * slot)} (see fault_worker.py): slot {@code s}'s count is bits {@code 32s ..
 * 32s + 31}, as long as every count stays below 2^32, which {@link #count} checks.
 */
final class Slots {

    static final int BITS = 32;

    private Slots() {}

    static BigInteger weight(int slot) {
        return BigInteger.ONE.shiftLeft(BITS * slot);
    }

    /** The count of {@code slot} in {@code value}, given the counts {@code ledger} says there are (at most one more). */
    static long count(BigInteger value, int slot, long ledger) {
        if (value.signum() < 0 || ledger >= (1L << BITS) - 1) {
            throw new IllegalStateException("slot " + slot + " cannot be read back: value " + value + ", ledger " + ledger);
        }
        return value.shiftRight(BITS * slot).longValue() & ((1L << BITS) - 1);
    }
}
