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
 * the same exception with the value unchanged. Values cluster around 0, +-2^31, +-2^62, +-2^63,
 * +-2^64 and +-2^100, and also range over all longs and over 200-bit integers.
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
                Combinators.combine(ops, values()).as(ApplyBig::new),
                flags.map(TripleLong::new),
                Combinators.combine(values(), flags).as(XorBig::new)));
        return op.list().ofMaxSize(25);
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
            m.replace(op.apply(m.value, BigInteger.valueOf(operand)));
            return null;
        }
    }

    record ApplyBig(IntOp op, BigInteger operand) implements Op {
        public Object onActual(AtomicInt a) {
            a.applyBig(op, operand);
            return null;
        }

        public Object onModel(Model m) {
            m.replace(op.apply(m.value, operand));
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
