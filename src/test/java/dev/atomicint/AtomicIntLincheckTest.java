package dev.atomicint;

import java.math.BigInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of AtomicInt against {@link Model}, a plain BigInteger as the
 * sequential specification. The value starts 2 below the top of the long-cell range (2^62), so
 * small additions cross it; {@code addHalfLongRange} and {@code negate} cross into and out of
 * the BigInteger mode, and out of the long range, where the long-typed methods must throw.
 */
@Param(name = "k", gen = IntGen.class, conf = "-2:2")
@Param(name = "sign", gen = IntGen.class, conf = "-1:1")
public class AtomicIntLincheckTest {
    static final long START = (1L << 62) - 2;
    static final BigInteger HALF_LONG_RANGE = BigInteger.ONE.shiftLeft(63);

    private final AtomicInt a = new AtomicInt(START);

    @Operation
    public Number getNumber() {
        return a.getNumber();
    }

    @Operation
    public void add(@Param(name = "k") int k) {
        a.add(k);
    }

    @Operation
    public long addAndGet(@Param(name = "k") int k) {
        return a.addAndGet(k);
    }

    @Operation
    public BigInteger addHalfLongRange(@Param(name = "sign") int sign) {
        return a.addAndGet(HALF_LONG_RANGE.multiply(BigInteger.valueOf(sign)));
    }

    @Operation
    public void negate() {
        a.apply(IntOp.MUL, -1);
    }

    @Operation
    public boolean compareAndSet(@Param(name = "k") int expected, @Param(name = "k") int replacement) {
        return a.compareAndSet(START + expected, START + replacement);
    }

    @Operation
    public BigInteger getAndSet(@Param(name = "k") int k) {
        return a.getAndSet(BigInteger.valueOf(START + k));
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(55)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(3)
                .sequentialSpecification(Model.class)
                .check(AtomicIntLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(10)
                .invocationsPerIteration(500)
                .threads(2)
                .actorsPerThread(4)
                .sequentialSpecification(Model.class)
                .check(AtomicIntLincheckTest.class);
    }

    /** The sequential specification: an unbounded integer, and long views that throw rather than wrap. */
    public static final class Model {
        private BigInteger v = BigInteger.valueOf(START);

        public Number getNumber() {
            return v.bitLength() < Long.SIZE ? (Number) v.longValue() : v;
        }

        public void add(int k) {
            v = v.add(BigInteger.valueOf(k));
        }

        public long addAndGet(int k) {
            BigInteger r = v.add(BigInteger.valueOf(k));
            long result = r.longValueExact();
            v = r;
            return result;
        }

        public BigInteger addHalfLongRange(int sign) {
            v = v.add(HALF_LONG_RANGE.multiply(BigInteger.valueOf(sign)));
            return v;
        }

        public void negate() {
            v = v.negate();
        }

        public boolean compareAndSet(int expected, int replacement) {
            if (!v.equals(BigInteger.valueOf(START + expected))) {
                return false;
            }
            v = BigInteger.valueOf(START + replacement);
            return true;
        }

        public BigInteger getAndSet(int k) {
            BigInteger old = v;
            v = BigInteger.valueOf(START + k);
            return old;
        }
    }
}
