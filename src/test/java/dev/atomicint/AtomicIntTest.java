package dev.atomicint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AtomicIntTest {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger TWO_TO_63 = LONG_MAX.add(BigInteger.ONE);
    private static final long CELL_MAX = (1L << 62) - 1;
    private static final long CELL_MIN = -(1L << 62);
    private static final BigInteger HUGE = BigInteger.TEN.pow(40);

    // ---- construction and reads

    @Test
    void newAtomicIntIsZero() {
        assertEquals(0, new AtomicInt().get());
    }

    @Test
    void longConstructorKeepsTheExtremes() {
        assertEquals(Long.MAX_VALUE, new AtomicInt(Long.MAX_VALUE).get());
        assertEquals(Long.MIN_VALUE, new AtomicInt(Long.MIN_VALUE).get());
    }

    @Test
    void bigIntegerConstructorKeepsAnyValue() {
        assertEquals(HUGE.negate(), new AtomicInt(HUGE.negate()).getBigInteger());
        assertEquals(42, new AtomicInt(BigInteger.valueOf(42)).get());
    }

    @Test
    void bigIntegerConstructorRejectsNull() {
        assertThrows(NullPointerException.class, () -> new AtomicInt((BigInteger) null));
    }

    @Test
    void getOfAValueBeyondLongThrows() {
        assertThrows(ArithmeticException.class, () -> new AtomicInt(TWO_TO_63).get());
        assertThrows(ArithmeticException.class, () -> new AtomicInt(LONG_MIN.subtract(BigInteger.ONE)).get());
    }

    @Test
    void getNumberIsALongWhenTheValueFitsAndABigIntegerOtherwise() {
        assertEquals(Long.valueOf(Long.MAX_VALUE), new AtomicInt(Long.MAX_VALUE).getNumber());
        assertEquals(Long.valueOf(Long.MIN_VALUE), new AtomicInt(LONG_MIN).getNumber());
        assertEquals(Long.valueOf(-3), new AtomicInt(-3).getNumber());
        assertEquals(TWO_TO_63, new AtomicInt(TWO_TO_63).getNumber());
    }

    // ---- the Python face

    @Test
    void addAcrossTheCellBoundaryAndBack() {
        AtomicInt a = new AtomicInt(CELL_MAX);
        a.add(1);
        assertEquals(CELL_MAX + 1, a.get());
        a.add(-1);
        assertEquals(CELL_MAX, a.get());
        a.add(-CELL_MAX);
        a.add(CELL_MIN);
        assertEquals(CELL_MIN, a.get());
        a.add(-1);
        assertEquals(CELL_MIN - 1, a.get());
    }

    @Test
    void addPastLongMaxNeverWraps() {
        AtomicInt a = new AtomicInt(Long.MAX_VALUE);
        a.add(Long.MAX_VALUE);
        assertValue(LONG_MAX.multiply(BigInteger.TWO), a);
        a.add(Long.MIN_VALUE);
        assertValue(LONG_MAX.subtract(BigInteger.ONE), a);
    }

    @Test
    void addBigAddsAnyDelta() {
        AtomicInt a = new AtomicInt(5);
        a.addBig(HUGE);
        assertValue(HUGE.add(BigInteger.valueOf(5)), a);
        a.addBig(HUGE.negate());
        assertEquals(5, a.get());
    }

    @Test
    void applyComputesPythonOperationsInLongMode() {
        AtomicInt a = new AtomicInt(-7);
        a.apply(IntOp.FLOORDIV, 2);
        assertEquals(-4, a.get());
        a.apply(IntOp.MOD, 3);
        assertEquals(2, a.get());
        a.apply(IntOp.POW, 10);
        assertEquals(1024, a.get());
    }

    @Test
    void applyMovesBetweenLongAndBigModes() {
        AtomicInt a = new AtomicInt(3);
        a.apply(IntOp.LSHIFT, 100);
        assertValue(BigInteger.valueOf(3).shiftLeft(100), a);
        a.apply(IntOp.MUL, -1);
        a.apply(IntOp.RSHIFT, 99);
        assertEquals(-6, a.get());
    }

    @Test
    void applyBigTakesOperandsBeyondLong() {
        AtomicInt a = new AtomicInt(HUGE);
        a.applyBig(IntOp.FLOORDIV, HUGE.negate());
        assertEquals(-1, a.get());
        a.applyBig(IntOp.AND, HUGE);
        assertValue(HUGE, a);
    }

    @Test
    void applyWithAZeroDivisorThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, 7, a -> a.apply(IntOp.MOD, 0));
        assertFailsUnchanged(ArithmeticException.class, HUGE, a -> a.apply(IntOp.FLOORDIV, 0));
        assertFailsUnchanged(ArithmeticException.class, 7, a -> a.applyBig(IntOp.FLOORDIV, BigInteger.ZERO));
    }

    @Test
    void applyWithANegativeShiftOrExponentThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, 7, a -> a.apply(IntOp.LSHIFT, -1));
        assertFailsUnchanged(ArithmeticException.class, HUGE, a -> a.apply(IntOp.RSHIFT, -1));
        assertFailsUnchanged(ArithmeticException.class, 7, a -> a.apply(IntOp.POW, -2));
    }

    @Test
    void applyWithATooLargeResultThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, 3, a -> a.apply(IntOp.LSHIFT, 1_000_000_000_000L));
        assertFailsUnchanged(ArithmeticException.class, 2, a -> a.apply(IntOp.POW, 1_000_000_000_000L));
        assertFailsUnchanged(ArithmeticException.class, HUGE, a -> a.applyBig(IntOp.POW, HUGE));
    }

    @Test
    void applyRejectsNullsAndLeavesValueUnchanged() {
        assertFailsUnchanged(NullPointerException.class, 7, a -> a.apply(null, 1));
        assertFailsUnchanged(NullPointerException.class, 7, a -> a.applyBig(null, BigInteger.ONE));
        assertFailsUnchanged(NullPointerException.class, 7, a -> a.applyBig(IntOp.ADD, null));
        assertFailsUnchanged(NullPointerException.class, HUGE, a -> a.addBig(null));
    }

    // ---- setters

    @Test
    void setLongReplacesAValueOfEitherMode() {
        AtomicInt a = new AtomicInt(HUGE);
        a.set(-9);
        assertEquals(-9, a.get());
        a.set(Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, a.get());
    }

    @Test
    void setBigIntegerReplacesAValueOfEitherMode() {
        AtomicInt a = new AtomicInt(1);
        a.set(HUGE);
        assertValue(HUGE, a);
        a.set(BigInteger.TWO);
        assertEquals(2, a.get());
    }

    @Test
    void setNullThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(NullPointerException.class, 4, a -> a.set(null));
    }

    @Test
    void lazySetEventuallySetsTheValue() {
        AtomicInt a = new AtomicInt(HUGE);
        a.lazySet(12);
        assertEquals(12, a.get());
    }

    @Test
    void getAndSetLongReturnsThePreviousValue() {
        AtomicInt a = new AtomicInt(Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, a.getAndSet(5));
        assertEquals(5, a.getAndSet(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, a.get());
    }

    @Test
    void getAndSetLongOfAValueBeyondLongThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, TWO_TO_63, a -> a.getAndSet(1));
    }

    @Test
    void getAndSetBigIntegerReturnsThePreviousValue() {
        AtomicInt a = new AtomicInt(7);
        assertEquals(BigInteger.valueOf(7), a.getAndSet(HUGE));
        assertEquals(HUGE, a.getAndSet(BigInteger.ONE));
        assertEquals(1, a.get());
    }

    // ---- increments and additions

    @Test
    void incrementAndGetReturnsTheNewValue() {
        AtomicInt a = new AtomicInt(CELL_MAX);
        assertEquals(CELL_MAX + 1, a.incrementAndGet());
        assertEquals(CELL_MAX + 2, a.incrementAndGet());
    }

    @Test
    void incrementAndGetAtLongMaxThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, Long.MAX_VALUE, AtomicInt::incrementAndGet);
    }

    @Test
    void getAndIncrementAtLongMaxReturnsItAndMovesBeyondLong() {
        AtomicInt a = new AtomicInt(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, a.getAndIncrement());
        assertValue(TWO_TO_63, a);
    }

    @Test
    void getAndIncrementBeyondLongThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, TWO_TO_63, AtomicInt::getAndIncrement);
    }

    @Test
    void decrementAndGetReturnsTheNewValue() {
        AtomicInt a = new AtomicInt(CELL_MIN);
        assertEquals(CELL_MIN - 1, a.decrementAndGet());
    }

    @Test
    void decrementAndGetAtLongMinThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, Long.MIN_VALUE, AtomicInt::decrementAndGet);
    }

    @Test
    void getAndDecrementAtLongMinReturnsItAndMovesBeyondLong() {
        AtomicInt a = new AtomicInt(Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, a.getAndDecrement());
        assertValue(LONG_MIN.subtract(BigInteger.ONE), a);
    }

    @Test
    void addAndGetReturnsTheNewValue() {
        AtomicInt a = new AtomicInt(-10);
        assertEquals(15, a.addAndGet(25));
        assertEquals(Long.MAX_VALUE, a.addAndGet(Long.MAX_VALUE - 15));
    }

    @Test
    void addAndGetPastLongMaxThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, Long.MAX_VALUE - 2, a -> a.addAndGet(3));
        assertFailsUnchanged(ArithmeticException.class, CELL_MAX, a -> a.addAndGet(Long.MAX_VALUE));
    }

    @Test
    void addAndGetFromBeyondLongBackIntoRangeSucceeds() {
        AtomicInt a = new AtomicInt(TWO_TO_63);
        assertEquals(Long.MAX_VALUE, a.addAndGet(-1));
        assertEquals(0, a.addAndGet(-Long.MAX_VALUE));
    }

    @Test
    void getAndAddReturnsThePreviousValue() {
        AtomicInt a = new AtomicInt(CELL_MAX);
        assertEquals(CELL_MAX, a.getAndAdd(CELL_MAX));
        assertEquals(2 * CELL_MAX, a.getAndAdd(-CELL_MAX));
        assertEquals(CELL_MAX, a.get());
    }

    @Test
    void getAndAddFromAValueBeyondLongThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(ArithmeticException.class, HUGE, a -> a.getAndAdd(-1));
    }

    @Test
    void addAndGetBigIntegerReturnsTheNewValue() {
        AtomicInt a = new AtomicInt(1);
        assertEquals(HUGE.add(BigInteger.ONE), a.addAndGet(HUGE));
        assertEquals(BigInteger.ONE, a.addAndGet(HUGE.negate()));
    }

    @Test
    void getAndAddBigIntegerReturnsThePreviousValue() {
        AtomicInt a = new AtomicInt(LONG_MIN);
        assertEquals(LONG_MIN, a.getAndAdd(LONG_MIN));
        assertEquals(LONG_MIN.multiply(BigInteger.TWO), a.getAndAdd(BigInteger.ZERO));
    }

    @Test
    void addAndGetBigIntegerRejectsNullAndLeavesValueUnchanged() {
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.addAndGet((BigInteger) null));
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.getAndAdd((BigInteger) null));
    }

    // ---- compare-and-set

    @Test
    void compareAndSetLongSucceedsOnTheExpectedValue() {
        AtomicInt a = new AtomicInt(5);
        assertTrue(a.compareAndSet(5, Long.MAX_VALUE));
        assertTrue(a.compareAndSet(Long.MAX_VALUE, Long.MIN_VALUE));
        assertTrue(a.compareAndSet(Long.MIN_VALUE, -1));
        assertEquals(-1, a.get());
    }

    @Test
    void compareAndSetLongFailsOnAnotherValueAndLeavesItUnchanged() {
        AtomicInt a = new AtomicInt(5);
        assertFalse(a.compareAndSet(6, 7));
        assertEquals(5, a.get());
        a.set(Long.MAX_VALUE);
        assertFalse(a.compareAndSet(Long.MAX_VALUE - 1, 7));
        assertEquals(Long.MAX_VALUE, a.get());
    }

    @Test
    void compareAndSetLongOfAValueBeyondLongFails() {
        AtomicInt a = new AtomicInt(TWO_TO_63);
        assertFalse(a.compareAndSet(0, 1));
        assertFalse(a.compareAndSet(Long.MIN_VALUE, 1));
        assertValue(TWO_TO_63, a);
    }

    @Test
    void compareAndSetBigIntegerMovesBetweenModes() {
        AtomicInt a = new AtomicInt(5);
        assertTrue(a.compareAndSet(BigInteger.valueOf(5), HUGE));
        assertFalse(a.compareAndSet(HUGE.add(BigInteger.ONE), BigInteger.ZERO));
        assertTrue(a.compareAndSet(HUGE, BigInteger.TWO));
        assertEquals(2, a.get());
    }

    @Test
    void compareAndSetBigIntegerRejectsNullsAndLeavesValueUnchanged() {
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.compareAndSet(null, BigInteger.ONE));
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.compareAndSet(BigInteger.valueOf(3), null));
    }

    // ---- functions

    @Test
    void updateAndGetReturnsTheFunctionsResult() {
        AtomicInt a = new AtomicInt(Long.MAX_VALUE);
        assertEquals(Long.MIN_VALUE, a.updateAndGet(v -> -v - 1));
        assertEquals(Long.MIN_VALUE, a.get());
    }

    @Test
    void getAndUpdateReturnsThePreviousValue() {
        AtomicInt a = new AtomicInt(CELL_MAX);
        assertEquals(CELL_MAX, a.getAndUpdate(v -> v + 1));
        assertEquals(CELL_MAX + 1, a.getAndUpdate(v -> 0));
        assertEquals(0, a.get());
    }

    @Test
    void updateAndGetOfAValueBeyondLongThrowsWithoutCallingTheFunction() {
        assertFailsUnchanged(ArithmeticException.class, HUGE, a -> a.updateAndGet(v -> {
            throw new AssertionError("called");
        }));
    }

    @Test
    void anUpdateFunctionsExceptionPropagatesAndLeavesValueUnchanged() {
        assertFailsUnchanged(IllegalStateException.class, 3, a -> a.updateAndGet(v -> {
            throw new IllegalStateException();
        }));
        assertFailsUnchanged(IllegalStateException.class, HUGE, a -> a.updateAndGetBig(v -> {
            throw new IllegalStateException();
        }));
    }

    @Test
    void accumulateAndGetCombinesTheValueWithTheArgument() {
        AtomicInt a = new AtomicInt(6);
        assertEquals(42, a.accumulateAndGet(7, (v, x) -> v * x));
        assertEquals(42, a.getAndAccumulate(2, Math::max));
        assertEquals(42, a.get());
        assertEquals(42, a.getAndAccumulate(50, Math::max));
        assertEquals(50, a.get());
    }

    @Test
    void bigFunctionsReturnTheNewOrPreviousValue() {
        AtomicInt a = new AtomicInt(3);
        assertEquals(HUGE.multiply(BigInteger.valueOf(3)), a.updateAndGetBig(v -> v.multiply(HUGE)));
        assertEquals(HUGE.multiply(BigInteger.valueOf(3)), a.getAndUpdateBig(v -> v.divide(HUGE)));
        assertEquals(BigInteger.valueOf(3), a.getBigInteger());
    }

    @Test
    void bigAccumulatorsCombineTheValueWithTheArgument() {
        AtomicInt a = new AtomicInt(HUGE);
        assertEquals(BigInteger.ZERO, a.accumulateAndGetBig(HUGE, BigInteger::subtract));
        assertEquals(BigInteger.ZERO, a.getAndAccumulateBig(HUGE, BigInteger::add));
        assertValue(HUGE, a);
    }

    @Test
    void functionArgumentsRejectNullsAndLeaveValueUnchanged() {
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.updateAndGet(null));
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.getAndAccumulate(1, null));
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.updateAndGetBig(null));
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.accumulateAndGetBig(null, BigInteger::add));
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.getAndAccumulateBig(BigInteger.ONE, null));
    }

    @Test
    void aBigFunctionReturningNullThrowsAndLeavesValueUnchanged() {
        assertFailsUnchanged(NullPointerException.class, 3, a -> a.getAndUpdateBig(v -> null));
    }

    // ---- Number, String, identity, serialization

    @Test
    void intAndLongValueKeepTheLowBitsLikeBigInteger() {
        BigInteger v = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(0x1_2345_6789L)).negate();
        AtomicInt a = new AtomicInt(v);
        assertEquals(v.intValue(), a.intValue());
        assertEquals(v.longValue(), a.longValue());
        assertEquals(-5, new AtomicInt(-5).intValue());
        assertEquals((int) CELL_MAX, new AtomicInt(CELL_MAX).intValue());
    }

    @Test
    void doubleValueIsCorrectlyRounded() {
        // 2^63 + 2^10 + 1 is just above halfway between the doubles 2^63 and 2^63 + 2^11
        BigInteger aboveHalfway = TWO_TO_63.add(BigInteger.valueOf(1025));
        assertEquals(0x1p63 + 0x1p11, new AtomicInt(aboveHalfway).doubleValue());
        assertEquals(0x1p53, new AtomicInt((1L << 53) + 1).doubleValue()); // halfway: to even
        assertEquals(Double.NEGATIVE_INFINITY, new AtomicInt(BigInteger.ONE.shiftLeft(1024).negate()).doubleValue());
    }

    @Test
    void floatValueIsCorrectlyRounded() {
        assertEquals(0x1p24f, new AtomicInt((1L << 24) + 1).floatValue());
        assertEquals(0x1p63f + 0x1p40f, new AtomicInt(TWO_TO_63.add(BigInteger.ONE.shiftLeft(39).add(BigInteger.ONE))).floatValue());
    }

    @Test
    void toStringIsTheDecimalValue() {
        assertEquals("-42", new AtomicInt(-42).toString());
        assertEquals("9223372036854775808", new AtomicInt(TWO_TO_63).toString());
        assertEquals(HUGE.toString(), new AtomicInt(HUGE).toString());
    }

    @Test
    void equalityIsIdentity() {
        AtomicInt a = new AtomicInt(1);
        AtomicInt b = new AtomicInt(1);
        assertNotEquals(a, b);
        assertEquals(a, a);
        assertEquals(System.identityHashCode(a), a.hashCode());
    }

    @Test
    void serializationRoundTripKeepsTheValue() throws Exception {
        for (BigInteger v : new BigInteger[] {BigInteger.valueOf(-7), LONG_MAX, HUGE.negate()}) {
            AtomicInt copy = roundTrip(new AtomicInt(v));
            assertValue(v, copy);
        }
    }

    @Test
    void aDeserializedCopyIsIndependentAndWorksInBothModes() throws Exception {
        AtomicInt original = new AtomicInt(CELL_MAX);
        AtomicInt copy = roundTrip(original);
        assertNotSame(original, copy);
        copy.add(1);
        copy.add(-CELL_MAX - 1);
        assertEquals(0, copy.get());
        assertEquals(CELL_MAX, original.get());
    }

    // ---- helpers

    private static void assertValue(BigInteger expected, AtomicInt actual) {
        assertEquals(expected, actual.getBigInteger());
    }

    private static <X extends Throwable> void assertFailsUnchanged(Class<X> expected, long initial, Consumer<AtomicInt> call) {
        assertFailsUnchanged(expected, BigInteger.valueOf(initial), call);
    }

    private static <X extends Throwable> void assertFailsUnchanged(Class<X> expected, BigInteger initial, Consumer<AtomicInt> call) {
        AtomicInt a = new AtomicInt(initial);
        Executable e = () -> call.accept(a);
        assertThrows(expected, e);
        assertValue(initial, a);
    }

    private static AtomicInt roundTrip(AtomicInt a) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return assertInstanceOf(AtomicInt.class, in.readObject());
        }
    }
}
