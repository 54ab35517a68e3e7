package dev.atomicint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random operation sequences on an AtomicInt and on a BigInteger model give the same results, or
 * the same exception with the value unchanged. Values cluster around 0, +-2^31, +-2^62 (the edges
 * of the cells' fast range [-2^62, 2^62)), +-2^63 (Long.MIN_VALUE and Long.MAX_VALUE, +-3) , +-2^64
 * and +-2^100, and also range over all longs and over 200-bit integers. The model of the in-place
 * operations is {@link #python}, written from Python's definitions independently of IntOp; the
 * long-typed methods must throw ArithmeticException and change nothing when a long they would
 * return or pass does not fit.
 */
class AtomicIntPropertiesTest {
    /** Sequences stop once the value grows past this, to stay fast; IntOpTest covers the size limit. */
    private static final int MAX_TESTED_BITS = 10_000;

    @Property(tries = 500)
    void operationSequencesMatchTheBigIntegerModel(@ForAll("values") BigInteger start, @ForAll("sequences") List<Op> ops) {
        AtomicInt actual = new AtomicInt(start);
        Model model = new Model(start);
        for (Op op : ops) {
            if (model.value.bitLength() > MAX_TESTED_BITS) {
                return;
            }
            Object expected = outcome(op::onModel, model);
            assertEquals(expected, outcome(op::onActual, actual), op::toString);
            assertEquals(model.value, actual.getBigInteger(), op::toString);
        }
    }

    /**
     * Walks of small steps from the edges of the cells' fast range (+-2^62) and of the long range
     * (+-2^63), so that sequences cross each edge back and forth, with the long-typed methods
     * throwing (unchanged) on the far side of +-2^63.
     */
    @Property(tries = 300)
    void smallStepsAcrossTheEdgesMatchTheBigIntegerModel(@ForAll("edges") BigInteger start, @ForAll("walks") List<Op> ops) {
        operationSequencesMatchTheBigIntegerModel(start, ops);
    }

    /** The result, or the class of the exception (so an escaping LongOverflow would differ). */
    private static <T> Object outcome(Function<T, Object> call, T target) {
        try {
            return call.apply(target);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    // ---- generators

    @Provide
    static Arbitrary<BigInteger> values() {
        Arbitrary<BigInteger> nearBoundaries = Combinators.combine(
                        Arbitraries.of(0, 31, 62, 63, 64, 100), Arbitraries.integers().between(-3, 3), Arbitraries.of(1, -1))
                .as((exponent, offset, sign) -> (exponent == 0 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(exponent))
                        .multiply(BigInteger.valueOf(sign))
                        .add(BigInteger.valueOf(offset)));
        BigInteger bits200 = BigInteger.ONE.shiftLeft(200);
        return Arbitraries.frequencyOf(
                Tuple.of(4, nearBoundaries),
                Tuple.of(1, Arbitraries.longs().map(BigInteger::valueOf)),
                Tuple.of(1, Arbitraries.bigIntegers().between(bits200.negate(), bits200)));
    }

    @Provide
    static Arbitrary<BigInteger> edges() {
        return Combinators.combine(Arbitraries.of(62, 63), Arbitraries.of(1, -1), Arbitraries.integers().between(-4, 4))
                .as((exponent, sign, offset) -> BigInteger.ONE.shiftLeft(exponent).multiply(BigInteger.valueOf(sign))
                        .add(BigInteger.valueOf(offset)));
    }

    @Provide
    Arbitrary<List<Op>> walks() {
        Arbitrary<Long> small = Arbitraries.longs().between(-3, 3);
        Arbitrary<Boolean> flags = Arbitraries.of(true, false);
        Arbitrary<Op> op = Arbitraries.oneOf(List.of(
                Arbitraries.of(new Get(), new GetNumber(), new ToNumbers()),
                Combinators.combine(Arbitraries.of(1, -1), flags).as(Step::new),
                Combinators.combine(small, flags).as(AddAndGet::new),
                small.map(Add::new),
                Combinators.combine(Arbitraries.of(IntOp.ADD, IntOp.SUB), small).as(Apply::new),
                Arbitraries.of(new Apply(IntOp.MUL, -1), new Apply(IntOp.FLOORDIV, -1), new Apply(IntOp.XOR, -1),
                        new Apply(IntOp.MOD, Long.MIN_VALUE), new Apply(IntOp.AND, Long.MAX_VALUE)),
                Combinators.combine(small, flags).as(AccumulateLong::new),
                values().map(CompareAndSetCurrent::new).filter(op2 -> op2.replacement().bitLength() < 70)));
        return op.list().ofMinSize(5).ofMaxSize(40);
    }

    static Arbitrary<Long> longs() {
        return values().filter(v -> v.bitLength() < Long.SIZE).map(BigInteger::longValue);
    }

    /** Shift counts and exponents: mostly small, some negative, some absurd. */
    static Arbitrary<Long> counts() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 70)),
                Tuple.of(1, Arbitraries.longs().between(-3, -1)),
                Tuple.of(1, Arbitraries.of(1L << 40, Long.MAX_VALUE)));
    }

    static Arbitrary<Long> operandFor(IntOp op) {
        return op == IntOp.POW || op == IntOp.LSHIFT || op == IntOp.RSHIFT ? counts() : longs();
    }

    /**
     * Exponents and left-shift counts: the counts, or absurd (beyond any long). Not values(): its
     * longs lean small, and 3 ** 10**8 is legal but takes a minute to compute.
     */
    static Arbitrary<BigInteger> bigOperandFor(IntOp op) {
        if (op == IntOp.POW || op == IntOp.LSHIFT) {
            BigInteger beyondLong = BigInteger.ONE.shiftLeft(64);
            return Arbitraries.oneOf(List.of(counts().map(BigInteger::valueOf),
                    Arbitraries.of(beyondLong, beyondLong.negate(), BigInteger.ONE.shiftLeft(200))));
        }
        return values();
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<IntOp> ops = Arbitraries.of(IntOp.class);
        Arbitrary<Boolean> flags = Arbitraries.of(true, false);
        Arbitrary<Op> op = Arbitraries.oneOf(List.of(
                Arbitraries.of(new Get(), new GetNumber(), new ToNumbers()),
                longs().map(Set::new),
                values().map(SetBig::new),
                longs().map(GetAndSet::new),
                values().map(GetAndSetBig::new),
                longs().map(Add::new),
                values().map(AddBig::new),
                Combinators.combine(longs(), flags).as(AddAndGet::new),
                Combinators.combine(values(), flags).as(AddAndGetBig::new),
                Combinators.combine(Arbitraries.of(1, -1), flags).as(Step::new),
                Combinators.combine(longs(), longs()).as(CompareAndSet::new),
                Combinators.combine(values(), values()).as(CompareAndSetBig::new),
                values().map(CompareAndSetCurrent::new),
                ops.flatMap(o -> operandFor(o).map(x -> new Apply(o, x))),
                ops.flatMap(o -> bigOperandFor(o).map(x -> new ApplyBig(o, x))),
                flags.map(TripleLong::new),
                Combinators.combine(longs(), flags).as(AccumulateLong::new),
                longs().map(LazySet::new),
                flags.map(HalveEvenBig::new),
                Combinators.combine(values(), flags).as(XorBig::new)));
        return op.list().ofMaxSize(25);
    }

    // ---- the specification of the in-place operations, from Python's definitions

    /**
     * {@code a op b} as Python computes it, or ArithmeticException where Python raises (zero
     * divisor, negative shift count; a negative exponent, whose float result an AtomicInt cannot
     * hold) or where the result would exceed {@link IntOp#MAX_BIT_LENGTH} (any result: the cap holds
     * on every value an AtomicInt stores). Independent of IntOp.
     */
    static BigInteger python(IntOp op, BigInteger a, BigInteger b) {
        return limited(unlimited(op, a, b));
    }

    private static BigInteger unlimited(IntOp op, BigInteger a, BigInteger b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.subtract(b);
            case MUL -> limited(a.multiply(b));
            case FLOORDIV -> floorDivide(a, b);
            case MOD -> a.subtract(b.multiply(floorDivide(a, b))); // Python: a == (a // b) * b + a % b
            case POW -> power(a, b);
            case LSHIFT -> {
                requireNonNegative(b);
                if (a.signum() == 0) {
                    yield a;
                }
                if (b.compareTo(BigInteger.valueOf(IntOp.MAX_BIT_LENGTH)) > 0) {
                    throw new ArithmeticException("too large");
                }
                yield limited(a.shiftLeft(b.intValueExact())); // a * 2**b, for either sign
            }
            case RSHIFT -> {
                requireNonNegative(b);
                if (b.compareTo(BigInteger.valueOf(a.bitLength() + 1L)) > 0) {
                    yield a.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO;
                }
                yield floorDivide(a, BigInteger.TWO.pow(b.intValueExact())); // a // 2**b
            }
            case AND -> a.and(b); // BigInteger's bitwise operations are on infinite two's complement, as Python's
            case OR -> a.or(b);
            case XOR -> a.xor(b);
        };
    }

    private static BigInteger floorDivide(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        BigInteger[] qr = a.divideAndRemainder(b); // truncates toward 0
        boolean inexactAndNegative = qr[1].signum() != 0 && a.signum() != b.signum();
        return inexactAndNegative ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static BigInteger power(BigInteger a, BigInteger b) {
        requireNonNegative(b);
        if (b.signum() == 0) {
            return BigInteger.ONE; // 0 ** 0 == 1 too
        }
        if (a.signum() == 0 || a.equals(BigInteger.ONE)) {
            return a;
        }
        if (a.equals(BigInteger.ONE.negate())) {
            return b.testBit(0) ? a : BigInteger.ONE;
        }
        // |a| >= 2^(n - 1) with n = bitLength(|a|) >= 2: |a ** b| has at least b * (n - 1) + 1 bits, its
        // bitLength at least b * (n - 1); so b * (n - 1) > MAX means too large, without computing
        long n = a.abs().bitLength();
        if (b.compareTo(BigInteger.valueOf(IntOp.MAX_BIT_LENGTH / (n - 1))) > 0) {
            throw new ArithmeticException("too large");
        }
        return limited(a.pow(b.intValueExact()));
    }

    private static void requireNonNegative(BigInteger b) {
        if (b.signum() < 0) {
            throw new ArithmeticException("negative");
        }
    }

    private static BigInteger limited(BigInteger r) {
        if (r.bitLength() > IntOp.MAX_BIT_LENGTH) {
            throw new ArithmeticException("too large");
        }
        return r;
    }

    // ---- the operations, each on the AtomicInt and on the model

    interface Op {
        Object onActual(AtomicInt a);

        Object onModel(Model m);
    }

    /** The specification: an unbounded integer whose long views throw rather than wrap. */
    static final class Model {
        BigInteger value;

        Model(BigInteger value) {
            this.value = value;
        }

        long asLong() {
            return value.longValueExact();
        }

        /** Sets the value and returns the one before. */
        BigInteger replace(BigInteger newValue) {
            BigInteger old = value;
            value = newValue;
            return old;
        }

        /** {@code value += delta}; returns the old or new value, as a long (checked first) when asked. */
        Object add(BigInteger delta, boolean returnNew, boolean asLong) {
            BigInteger result = value.add(delta);
            BigInteger returned = returnNew ? result : value;
            Object converted = asLong ? (Object) returned.longValueExact() : returned;
            value = result;
            return converted;
        }
    }

    record Get() implements Op {
        public Object onActual(AtomicInt a) {
            return a.get();
        }

        public Object onModel(Model m) {
            return m.asLong();
        }
    }

    record GetNumber() implements Op {
        public Object onActual(AtomicInt a) {
            return a.getNumber();
        }

        public Object onModel(Model m) {
            return m.value.bitLength() < Long.SIZE ? (Number) m.value.longValue() : m.value;
        }
    }

    record ToNumbers() implements Op {
        public Object onActual(AtomicInt a) {
            return List.of(a.intValue(), a.longValue(), a.floatValue(), a.doubleValue(), a.toString());
        }

        public Object onModel(Model m) {
            BigInteger v = m.value;
            return List.of(v.intValue(), v.longValue(), v.floatValue(), v.doubleValue(), v.toString());
        }
    }

    record Set(long x) implements Op {
        public Object onActual(AtomicInt a) {
            a.set(x);
            return null;
        }

        public Object onModel(Model m) {
            m.replace(BigInteger.valueOf(x));
            return null;
        }
    }

    record SetBig(BigInteger x) implements Op {
        public Object onActual(AtomicInt a) {
            a.set(x);
            return null;
        }

        public Object onModel(Model m) {
            m.replace(x);
            return null;
        }
    }

    record GetAndSet(long x) implements Op {
        public Object onActual(AtomicInt a) {
            return a.getAndSet(x);
        }

        public Object onModel(Model m) {
            long old = m.asLong();
            m.replace(BigInteger.valueOf(x));
            return old;
        }
    }

    record GetAndSetBig(BigInteger x) implements Op {
        public Object onActual(AtomicInt a) {
            return a.getAndSet(x);
        }

        public Object onModel(Model m) {
            return m.replace(x);
        }
    }

    record Add(long delta) implements Op {
        public Object onActual(AtomicInt a) {
            a.add(delta);
            return null;
        }

        public Object onModel(Model m) {
            m.add(BigInteger.valueOf(delta), true, false);
            return null;
        }
    }

    record AddBig(BigInteger delta) implements Op {
        public Object onActual(AtomicInt a) {
            a.addBig(delta);
            return null;
        }

        public Object onModel(Model m) {
            m.add(delta, true, false);
            return null;
        }
    }

    /** addAndGet(long) or getAndAdd(long). */
    record AddAndGet(long delta, boolean returnNew) implements Op {
        public Object onActual(AtomicInt a) {
            return returnNew ? a.addAndGet(delta) : a.getAndAdd(delta);
        }

        public Object onModel(Model m) {
            return m.add(BigInteger.valueOf(delta), returnNew, true);
        }
    }

    /** addAndGet(BigInteger) or getAndAdd(BigInteger). */
    record AddAndGetBig(BigInteger delta, boolean returnNew) implements Op {
        public Object onActual(AtomicInt a) {
            return returnNew ? a.addAndGet(delta) : a.getAndAdd(delta);
        }

        public Object onModel(Model m) {
            return m.add(delta, returnNew, false);
        }
    }

    /** incrementAndGet, getAndIncrement, decrementAndGet or getAndDecrement. */
    record Step(int delta, boolean returnNew) implements Op {
        public Object onActual(AtomicInt a) {
            if (delta > 0) {
                return returnNew ? a.incrementAndGet() : a.getAndIncrement();
            }
            return returnNew ? a.decrementAndGet() : a.getAndDecrement();
        }

        public Object onModel(Model m) {
            return m.add(BigInteger.valueOf(delta), returnNew, true);
        }
    }

    record CompareAndSet(long expected, long replacement) implements Op {
        public Object onActual(AtomicInt a) {
            return a.compareAndSet(expected, replacement);
        }

        public Object onModel(Model m) {
            return new CompareAndSetBig(BigInteger.valueOf(expected), BigInteger.valueOf(replacement)).onModel(m);
        }
    }

    record CompareAndSetBig(BigInteger expected, BigInteger replacement) implements Op {
        public Object onActual(AtomicInt a) {
            return a.compareAndSet(expected, replacement);
        }

        public Object onModel(Model m) {
            boolean matches = m.value.equals(expected);
            if (matches) {
                m.replace(replacement);
            }
            return matches;
        }
    }

    /** A compare-and-set expecting the current value: the long form when both values are longs. */
    record CompareAndSetCurrent(BigInteger replacement) implements Op {
        public Object onActual(AtomicInt a) {
            BigInteger current = a.getBigInteger();
            if (current.bitLength() < Long.SIZE && replacement.bitLength() < Long.SIZE) {
                return a.compareAndSet(current.longValue(), replacement.longValue());
            }
            return a.compareAndSet(current, replacement);
        }

        public Object onModel(Model m) {
            m.replace(replacement);
            return true;
        }
    }

    record Apply(IntOp op, long operand) implements Op {
        public Object onActual(AtomicInt a) {
            a.apply(op, operand);
            return null;
        }

        public Object onModel(Model m) {
            m.replace(python(op, m.value, BigInteger.valueOf(operand)));
            return null;
        }
    }

    record ApplyBig(IntOp op, BigInteger operand) implements Op {
        public Object onActual(AtomicInt a) {
            a.applyBig(op, operand);
            return null;
        }

        public Object onModel(Model m) {
            m.replace(python(op, m.value, operand));
            return null;
        }
    }

    /** updateAndGet or getAndUpdate with a function of longs that throws on overflow. */
    record TripleLong(boolean returnNew) implements Op {
        public Object onActual(AtomicInt a) {
            return returnNew ? a.updateAndGet(v -> Math.multiplyExact(v, 3)) : a.getAndUpdate(v -> Math.multiplyExact(v, 3));
        }

        public Object onModel(Model m) {
            long old = m.asLong();
            long result = Math.multiplyExact(old, 3);
            m.replace(BigInteger.valueOf(result));
            return returnNew ? result : old;
        }
    }

    /** accumulateAndGet or getAndAccumulate (long) with an addition that throws on overflow. */
    record AccumulateLong(long x, boolean returnNew) implements Op {
        public Object onActual(AtomicInt a) {
            return returnNew ? a.accumulateAndGet(x, Math::addExact) : a.getAndAccumulate(x, Math::addExact);
        }

        public Object onModel(Model m) {
            long old = m.asLong();
            long result = Math.addExact(old, x);
            m.replace(BigInteger.valueOf(result));
            return returnNew ? result : old;
        }
    }

    record LazySet(long x) implements Op {
        public Object onActual(AtomicInt a) {
            a.lazySet(x);
            return null;
        }

        public Object onModel(Model m) {
            m.replace(BigInteger.valueOf(x));
            return null;
        }
    }

    /** updateAndGetBig or getAndUpdateBig with a function that halves even values and throws for odd ones. */
    record HalveEvenBig(boolean returnNew) implements Op {
        static BigInteger halveEven(BigInteger v) {
            if (v.testBit(0)) {
                throw new IllegalStateException("odd");
            }
            return v.shiftRight(1);
        }

        public Object onActual(AtomicInt a) {
            return returnNew ? a.updateAndGetBig(HalveEvenBig::halveEven) : a.getAndUpdateBig(HalveEvenBig::halveEven);
        }

        public Object onModel(Model m) {
            BigInteger result = halveEven(m.value);
            BigInteger old = m.replace(result);
            return returnNew ? result : old;
        }
    }

    /** accumulateAndGetBig or getAndAccumulateBig with xor. */
    record XorBig(BigInteger x, boolean returnNew) implements Op {
        public Object onActual(AtomicInt a) {
            return returnNew ? a.accumulateAndGetBig(x, BigInteger::xor) : a.getAndAccumulateBig(x, BigInteger::xor);
        }

        public Object onModel(Model m) {
            BigInteger old = m.replace(m.value.xor(x));
            return returnNew ? m.value : old;
        }
    }
}
