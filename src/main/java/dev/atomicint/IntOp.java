package dev.atomicint;

import java.math.BigInteger;

/**
 * The eleven binary operations of Python's {@code int}, with Python's semantics: exact (never
 * wrapping), floor division and modulo rounding toward minus infinity ({@code -7 // 2 == -4},
 * {@code -7 % 2 == 1}, {@code 7 % -2 == -1}), arithmetic right shifts, two's-complement bitwise
 * operations on unbounded integers.
 *
 * <p>Errors are {@link ArithmeticException}s with Python's messages: {@code "integer division or
 * modulo by zero"}, {@code "negative shift count"}, {@code "negative exponent"} (Python would
 * return a float; an integer cell cannot hold one), and {@code "result too large: ... bits"} when a
 * result would exceed {@link #MAX_BIT_LENGTH}.
 *
 * <p>Each operation comes in two forms: {@link #applyExact(long, long)} for the fast path and
 * {@link #apply(BigInteger, BigInteger)} for everything else.
 */
public enum IntOp implements IntBinaryOp {
    ADD {
        @Override
        public long applyExact(long a, long b) {
            return PythonIntMath.addExact(a, b);
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            return a.add(b);
        }
    },
    SUB {
        @Override
        public long applyExact(long a, long b) {
            return PythonIntMath.subtractExact(a, b);
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            return a.subtract(b);
        }
    },
    MUL {
        @Override
        public long applyExact(long a, long b) {
            return PythonIntMath.multiplyExact(a, b);
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            ResultSize.checkProduct(a, b);
            return ResultSize.checked(a.multiply(b));
        }
    },
    FLOORDIV {
        @Override
        public long applyExact(long a, long b) {
            requireNonZeroDivisor(Long.signum(b));
            return PythonIntMath.floorDivExact(a, b);
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            requireNonZeroDivisor(b.signum());
            return PythonIntMath.floorDiv(a, b);
        }
    },
    MOD {
        @Override
        public long applyExact(long a, long b) {
            requireNonZeroDivisor(Long.signum(b));
            return Math.floorMod(a, b); // Java's floorMod is Python's %, and never overflows
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            requireNonZeroDivisor(b.signum());
            return PythonIntMath.floorMod(a, b);
        }
    },
    POW {
        @Override
        public long applyExact(long a, long b) {
            requireNonNegative(Long.signum(b), "negative exponent");
            return PythonIntMath.powExact(a, b);
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            requireNonNegative(b.signum(), "negative exponent");
            BigInteger trivial = PythonIntMath.trivialPow(a, b);
            if (trivial != null) {
                return trivial;
            }
            ResultSize.checkPower(a, b); // |a| >= 2, so b <= MAX_BIT_LENGTH + 2 from here on
            return ResultSize.checked(a.pow(b.intValueExact()));
        }
    },
    LSHIFT {
        @Override
        public long applyExact(long a, long b) {
            requireNonNegative(Long.signum(b), "negative shift count");
            if (a == 0) {
                return 0;
            }
            if (b >= Long.SIZE || (a << b) >> b != a) {
                throw LongOverflow.INSTANCE; // bits would be shifted out
            }
            return a << b;
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            requireNonNegative(b.signum(), "negative shift count");
            ResultSize.checkShiftLeft(a, b);
            return a.signum() == 0 ? a : a.shiftLeft(b.intValueExact());
        }
    },
    RSHIFT {
        @Override
        public long applyExact(long a, long b) {
            requireNonNegative(Long.signum(b), "negative shift count");
            return a >> Math.min(b, Long.SIZE - 1); // Java would take the count modulo 64
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            requireNonNegative(b.signum(), "negative shift count");
            if (b.bitLength() >= Integer.SIZE) {
                return a.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO; // all bits gone
            }
            return a.shiftRight(b.intValue());
        }
    },
    AND {
        @Override
        public long applyExact(long a, long b) {
            return a & b;
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            return a.and(b);
        }
    },
    OR {
        @Override
        public long applyExact(long a, long b) {
            return a | b;
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            return a.or(b);
        }
    },
    XOR {
        @Override
        public long applyExact(long a, long b) {
            return a ^ b;
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            return a.xor(b);
        }
    };

    /**
     * The largest bit length ({@link BigInteger#bitLength()}) a result of {@link #MUL}, {@link #POW}
     * or {@link #LSHIFT} may have: 2^28 bits, a 32 MiB number of about 80 million decimal digits.
     * Python has no such limit, but a shared counter that big is a bug, and computing it would tie
     * up a thread for seconds to hours and risk an OutOfMemoryError; the limit also stays 8 times
     * below BigInteger's own (2^31 bits), which is only detected after allocating. Requests beyond
     * it, such as {@code 2 ** 10**12} or {@code x << 10**12}, fail at once, before any computing.
     */
    public static final int MAX_BIT_LENGTH = 1 << 28;

    /**
     * Returns {@code a op b} when that is a long.
     *
     * @throws ArithmeticException for an invalid operand (zero divisor, negative shift count or
     *     exponent), and also, as a cheap pre-allocated instance, when the exact result does not
     *     fit in a long; then {@link #apply(BigInteger, BigInteger)} has the answer
     */
    @Override
    public abstract long applyExact(long a, long b);

    /**
     * Returns {@code a op b}.
     *
     * @throws ArithmeticException for an invalid operand (zero divisor, negative shift count or
     *     exponent), or when the result would have more than {@link #MAX_BIT_LENGTH} bits
     */
    @Override
    public abstract BigInteger apply(BigInteger a, BigInteger b);

    private static void requireNonZeroDivisor(int signum) {
        if (signum == 0) {
            throw new ArithmeticException("integer division or modulo by zero");
        }
    }

    private static void requireNonNegative(int signum, String message) {
        if (signum < 0) {
            throw new ArithmeticException(message);
        }
    }
}
