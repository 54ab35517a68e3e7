package dev.atomicint;

import java.math.BigInteger;
import org.graalvm.polyglot.Value;

/**
 * Text about integers of any size that stays short and cheap: what the polyglot faces show and
 * what error messages embed. {@link BigInteger#toString()} costs more than linear time and cannot be
 * interrupted (seconds at 2^22 bits, minutes at 2^28), so no guest request may trigger it on an
 * unbounded value, and no message may carry a whole number.
 */
public final class BoundedText {

    /** Python's default {@code sys.get_int_max_str_digits()}: the most digits {@link #decimal} gives. */
    public static final int MAX_STR_DIGITS = 4300;

    /** Digits per bit, log10(2): a value of b bits has floor(b * this) + 1 digits or one fewer. */
    private static final double DIGITS_PER_BIT = Math.log10(2);

    private BoundedText() {}

    /**
     * {@code value} in decimal, as Python's {@code str(int)} with its default limit: at most
     * {@link #MAX_STR_DIGITS} digits (the sign not counted), else IllegalArgumentException with
     * Python's message, decided from the bit length before any conversion.
     */
    public static String decimal(BigInteger value) {
        int bits = value.bitLength();
        if ((long) Math.floor(bits * DIGITS_PER_BIT) + 1 <= MAX_STR_DIGITS) {
            return value.toString(); // surely within the limit
        }
        if (Math.floor((bits - 1) * DIGITS_PER_BIT) + 1 > MAX_STR_DIGITS + 1) {
            throw exceedsLimit(); // surely over it: never converted
        }
        String text = value.toString(); // at the edge: about MAX_STR_DIGITS digits, cheap
        if (text.length() - (value.signum() < 0 ? 1 : 0) > MAX_STR_DIGITS) {
            throw exceedsLimit();
        }
        return text;
    }

    /**
     * {@code value} for a message: in decimal when it fits in a long, else its sign, its top 64
     * bits in hexadecimal and its bit length, such as {@code -0x8000000000000000...(1048577 bits)}.
     */
    public static String abbreviated(BigInteger value) {
        int bits = value.bitLength();
        if (bits < Long.SIZE) {
            return value.toString();
        }
        BigInteger top = value.abs().shiftRight(Math.max(0, bits - Long.SIZE)); // at most 64 bits
        return (value.signum() < 0 ? "-" : "") + "0x" + top.toString(16) + "...(" + bits + " bits)";
    }

    /** What a guest value is, for a message: its type's name, never its own text (which could be huge). */
    public static String kindOf(Value value) {
        Value type = value.getMetaObject();
        return type == null ? "a foreign value" : "'" + type.getMetaSimpleName() + "'";
    }

    private static IllegalArgumentException exceedsLimit() {
        return new IllegalArgumentException("Exceeds the limit (" + MAX_STR_DIGITS
                + " digits, Python's default) for integer string conversion; str(int(n)) honours the guest's own limit");
    }
}
