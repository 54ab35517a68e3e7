package dev.atomicint;

import java.math.BigInteger;

/** Integers as guest languages should receive them: a {@code long} when the value fits, else the BigInteger. */
public final class GuestNumbers {

    private GuestNumbers() {}

    /** {@code value} as a {@link Long} when it fits in a long, else {@code value} itself. */
    public static Number narrow(BigInteger value) {
        return value.bitLength() < Long.SIZE ? (Number) value.longValue() : value;
    }
}
