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
     * The largest bit length ({@link BigInteger#bitLength()}) an AtomicInt's value may have: 2^20
     * bits, a 128 KiB number of 315,653 decimal digits. Python has no such limit, but a shared
     * counter that big is a bug or an attack. The cap bounds the time of every operation on a
     * value: BigInteger arithmetic cannot be interrupted, not even by {@code Context.close(true)},
     * and at the former cap of 2^28 bits one multiplication took 47 s, one division 92-110 s and
     * {@code toString()} several minutes; at 2^20 bits the slowest (a division or a modulo) takes
     * 0.1-0.5 s, up to 1.3 s on a cold JVM (measured on a loaded 2-core machine). Every value that enters is checked (constructors, setters, update
     * functions' results and every operation's result), and the results of {@link #MUL}, {@link
     * #POW} and {@link #LSHIFT} before computing them: {@code 2 ** 10**12} or {@code x << 10**12}
     * fail at once. The operations themselves ({@link #apply(BigInteger, BigInteger)}) refuse
     * only those three; {@code AtomicInt} refuses the one-bit growth of the others (an addition,
     * {@code -2^MAX // -1}) when it would store it.
     */
    public static final int MAX_BIT_LENGTH = 1 << 20;

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
