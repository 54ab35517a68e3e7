package dev.atomicint.store;

import dev.atomicint.IntOp;
import java.math.BigInteger;

/**
 * The decimal text an engine stores, read back into a value within {@link IntOp#MAX_BIT_LENGTH}:
 * a text longer than any capped value can be is refused by its length alone, before it is parsed
 * (engines ask for the length first, or check it where the text lies); a shorter one is parsed in
 * O(M(n) log n) by splitting it in halves (BigInteger's own parser is quadratic: seconds at the
 * cap) and then checked bit for bit. Either refusal is the cap's ArithmeticException, the stored
 * value left as it is.
 */
public final class StoredText {

    /** The most characters a capped value's text has: its digits and a '-'. */
    public static final int MAX_LENGTH = (int) Math.ceil(IntOp.MAX_BIT_LENGTH * Math.log10(2)) + 1;

    /** Below this many digits BigInteger's own parser is as fast as splitting. */
    private static final int SPLIT_BELOW = 1_000;

    private StoredText() {}

    /** Throws the cap's ArithmeticException for a stored text of {@code length} characters if no capped value is that long. */
    public static void checkLength(long length, String where) {
        if (length > MAX_LENGTH) {
            throw tooLong(length, where);
        }
    }

    /** The cap's ArithmeticException for a stored text of {@code length} characters, over {@link #MAX_LENGTH}. */
    public static ArithmeticException tooLong(long length, String where) {
        return tooLarge(where, length + " characters");
    }

    /** The value of {@code text}, an optionally signed run of decimal digits (the caller has matched it). */
    public static BigInteger parse(String text, String where) {
        checkLength(text.length(), where);
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        BigInteger magnitude = parseDigits(text, start, text.length());
        if (magnitude.bitLength() > IntOp.MAX_BIT_LENGTH) {
            throw tooLarge(where, magnitude.bitLength() + " bits");
        }
        return negative ? magnitude.negate() : magnitude;
    }

    private static BigInteger parseDigits(String text, int from, int to) {
        int length = to - from;
        if (length < SPLIT_BELOW) {
            return new BigInteger(text.substring(from, to));
        }
        int low = length / 2;
        BigInteger high = parseDigits(text, from, to - low);
        return high.multiply(BigInteger.TEN.pow(low)).add(parseDigits(text, to - low, to));
    }

    private static ArithmeticException tooLarge(String where, String size) {
        return new ArithmeticException("value too large: the value stored at " + where + " is " + size
                + " long, over the limit of " + IntOp.MAX_BIT_LENGTH + " bits; it was left as it is");
    }
}
