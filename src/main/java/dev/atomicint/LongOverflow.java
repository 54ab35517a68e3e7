package dev.atomicint;

/**
 * The cheap "exact result is not a long" signal of {@link IntOp#applyExact}: a shared instance
 * without a stack trace, so the long fast paths can fall back to {@code BigInteger} at the cost of
 * a jump. It never escapes this package's catch blocks except through direct calls of
 * {@code applyExact}, where it reads as an ordinary {@link ArithmeticException}.
 */
final class LongOverflow extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    static final LongOverflow INSTANCE = new LongOverflow();

    private LongOverflow() {
        super("long overflow: use the BigInteger form");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // shared and thrown often: a stack trace would be wrong and costly
    }
}
