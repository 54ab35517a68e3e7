package dev.atomicint;

import java.math.BigInteger;
import java.util.Objects;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * One atomic step {@code value -> f(value)} of an {@link AtomicInt}, computed on longs while the
 * value and the result allow, on BigIntegers otherwise. A step is made for one call, may be
 * attempted several times under contention, and after it commits tells the value before and after.
 */
abstract class Update {
    /** Which value the caller returns as a long: it must fit in one, checked before committing. */
    enum LongResult { NONE, OLD, NEW }

    private final LongResult longResult;
    private long oldSmall;
    private long newSmall;
    private BigInteger oldBig; // null when oldSmall holds the value
    private BigInteger newBig; // null when newSmall holds the value

    Update(LongResult longResult) {
        this.longResult = longResult;
    }

    /** Returns f(v) for a value in a cell's range, or throws {@link LongOverflow} when f(v) is no long. */
    abstract long small(long v);

    /** Returns f(v) for any value; the value itself when it does not change. */
    abstract BigInteger big(BigInteger v);

    /**
     * Returns f(v), after checking that it may be stored ({@link ResultSize#storable}: an
     * operation's one-bit growth, an update function's or a setter's value) and that the caller's
     * long result fits.
     */
    final BigInteger bigChecked(BigInteger v) {
        BigInteger r = big(v);
        if (r != v) {
            ResultSize.storable(r);
        }
        if (longResult == LongResult.OLD && v.bitLength() >= Long.SIZE
                || longResult == LongResult.NEW && r.bitLength() >= Long.SIZE) {
            throw notALong();
        }
        return r;
    }

    /** The error of a long-typed method whose value does not fit in a long. */
    static ArithmeticException notALong() {
        return new ArithmeticException("long overflow: the value does not fit in a long; use the BigInteger form");
    }

    final void committed(long oldValue, long newValue) {
        oldSmall = oldValue;
        newSmall = newValue;
        oldBig = null;
        newBig = null;
    }

    final void committed(BigInteger oldValue, BigInteger newValue) {
        oldBig = oldValue;
        newBig = newValue;
    }

    final long oldLong() {
        return oldBig == null ? oldSmall : oldBig.longValue();
    }

    final long newLong() {
        return newBig == null ? newSmall : newBig.longValue();
    }

    final BigInteger oldBigInteger() {
        return oldBig == null ? BigInteger.valueOf(oldSmall) : oldBig;
    }

    final BigInteger newBigInteger() {
        return newBig == null ? BigInteger.valueOf(newSmall) : newBig;
    }

    /** {@code value = op(value, operand)}. */
    static final class Apply extends Update {
        private final IntBinaryOp op;
        private final long operand;
        private final BigInteger bigOperand; // null for a long operand
        private final boolean operandIsLong;

        Apply(IntBinaryOp op, long operand, LongResult longResult) {
            super(longResult);
            this.op = Objects.requireNonNull(op, "op");
            this.operand = operand;
            this.bigOperand = null;
            this.operandIsLong = true;
        }

        Apply(IntBinaryOp op, BigInteger operand, LongResult longResult) {
            super(longResult);
            this.op = Objects.requireNonNull(op, "op");
            this.bigOperand = Objects.requireNonNull(operand, "operand");
            this.operand = operand.longValue();
            this.operandIsLong = operand.bitLength() < Long.SIZE;
        }

        @Override
        long small(long v) {
            if (!operandIsLong) {
                throw LongOverflow.INSTANCE;
            }
            return op.applyExact(v, operand);
        }

        @Override
        BigInteger big(BigInteger v) {
            return op.apply(v, bigOperand != null ? bigOperand : BigInteger.valueOf(operand));
        }
    }

    /** {@code value = value == expected ? replacement : value}. */
    static final class CompareAndSet extends Update {
        private final BigInteger expected;
        private final BigInteger replacement;

        CompareAndSet(BigInteger expected, BigInteger replacement) {
            super(LongResult.NONE);
            this.expected = Objects.requireNonNull(expected, "expected");
            this.replacement = Objects.requireNonNull(replacement, "replacement");
        }

        @Override
        long small(long v) {
            if (expected.bitLength() >= Long.SIZE || v != expected.longValue()) {
                return v;
            }
            if (replacement.bitLength() >= Long.SIZE) {
                throw LongOverflow.INSTANCE;
            }
            return replacement.longValue();
        }

        @Override
        BigInteger big(BigInteger v) {
            return v.equals(expected) ? replacement : v;
        }

        boolean succeeded() {
            return oldBigInteger().equals(expected);
        }
    }

    /** {@code value = f(value)} for a caller's function of longs; the value must be a long. */
    static final class OfLong extends Update {
        private final LongUnaryOperator f;

        OfLong(LongUnaryOperator f) {
            super(LongResult.NONE);
            this.f = Objects.requireNonNull(f, "updateFunction");
        }

        @Override
        long small(long v) {
            return f.applyAsLong(v);
        }

        @Override
        BigInteger big(BigInteger v) {
            if (v.bitLength() >= Long.SIZE) {
                throw notALong();
            }
            return BigInteger.valueOf(f.applyAsLong(v.longValue()));
        }
    }

    /** {@code value = f(value)} for a caller's function of BigIntegers. */
    static final class OfBig extends Update {
        private final UnaryOperator<BigInteger> f;

        OfBig(UnaryOperator<BigInteger> f) {
            super(LongResult.NONE);
            this.f = Objects.requireNonNull(f, "updateFunction");
        }

        @Override
        long small(long v) {
            throw LongOverflow.INSTANCE; // always computed on BigIntegers
        }

        @Override
        BigInteger big(BigInteger v) {
            return Objects.requireNonNull(f.apply(v), "the update function returned null");
        }
    }
}
