package dev.atomicint;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class IntOpTest {
    private static final BigInteger TEN_TO_20 = BigInteger.TEN.pow(20);
    private static final BigInteger TRILLION = BigInteger.TEN.pow(12);

    /** op, a, b, a op b as computed by CPython 3. */
    private static final String PYTHON_TABLE = """
            ADD, 7, 2, 9
            ADD, -7, 2, -5
            ADD, 9223372036854775807, 1, 9223372036854775808
            ADD, -9223372036854775808, -1, -9223372036854775809
            ADD, 4611686018427387903, 1, 4611686018427387904
            ADD, 100000000000000000000, -100000000000000000000, 0
            SUB, 7, 2, 5
            SUB, -7, -2, -5
            SUB, -9223372036854775808, 1, -9223372036854775809
            SUB, 9223372036854775807, -1, 9223372036854775808
            SUB, 0, -9223372036854775808, 9223372036854775808
            MUL, 7, -2, -14
            MUL, -7, -2, 14
            MUL, 0, -5, 0
            MUL, 4294967296, 2147483648, 9223372036854775808
            MUL, 4294967296, 4294967296, 18446744073709551616
            MUL, -9223372036854775808, -1, 9223372036854775808
            MUL, -9223372036854775808, 1, -9223372036854775808
            MUL, 3037000500, 3037000500, 9223372037000250000
            MUL, 100000000000000000000, -100000000000000000000, -10000000000000000000000000000000000000000
            FLOORDIV, 7, 2, 3
            FLOORDIV, -7, 2, -4
            FLOORDIV, 7, -2, -4
            FLOORDIV, -7, -2, 3
            FLOORDIV, 6, -3, -2
            FLOORDIV, 0, -3, 0
            FLOORDIV, -9223372036854775808, -1, 9223372036854775808
            FLOORDIV, -9223372036854775808, 1, -9223372036854775808
            FLOORDIV, -1, 9223372036854775807, -1
            FLOORDIV, -100000000000000000000, 7, -14285714285714285715
            FLOORDIV, 100000000000000000000, -10000000000000000000, -10
            MOD, 7, 2, 1
            MOD, -7, 2, 1
            MOD, 7, -2, -1
            MOD, -7, -2, -1
            MOD, 6, -3, 0
            MOD, -9223372036854775808, -1, 0
            MOD, -1, 9223372036854775807, 9223372036854775806
            MOD, 1, -9223372036854775808, -9223372036854775807
            MOD, -100000000000000000000, 7, 5
            MOD, 100000000000000000000, -7, -5
            POW, 2, 10, 1024
            POW, -2, 3, -8
            POW, -3, 2, 9
            POW, 0, 0, 1
            POW, 0, 5, 0
            POW, 5, 0, 1
            POW, -1, 9223372036854775807, -1
            POW, -1, 100000000000000000000, 1
            POW, 1, 100000000000000000000, 1
            POW, 0, 100000000000000000000, 0
            POW, 2, 62, 4611686018427387904
            POW, 2, 63, 9223372036854775808
            POW, -2, 63, -9223372036854775808
            POW, 3, 40, 12157665459056928801
            POW, 10, 19, 10000000000000000000
            POW, 10, 20, 100000000000000000000
            POW, -10, 19, -10000000000000000000
            LSHIFT, 1, 0, 1
            LSHIFT, 1, 62, 4611686018427387904
            LSHIFT, 1, 63, 9223372036854775808
            LSHIFT, -1, 63, -9223372036854775808
            LSHIFT, -1, 64, -18446744073709551616
            LSHIFT, 3, 61, 6917529027641081856
            LSHIFT, 3, 62, 13835058055282163712
            LSHIFT, -5, 2, -20
            LSHIFT, 0, 100, 0
            LSHIFT, 0, 100000000000000000000, 0
            LSHIFT, 9223372036854775807, 1, 18446744073709551614
            LSHIFT, -9223372036854775808, 0, -9223372036854775808
            RSHIFT, 7, 1, 3
            RSHIFT, -7, 1, -4
            RSHIFT, -1, 100, -1
            RSHIFT, 1, 63, 0
            RSHIFT, -9223372036854775808, 63, -1
            RSHIFT, -9223372036854775808, 64, -1
            RSHIFT, 9223372036854775807, 100000000000000000000, 0
            RSHIFT, -100000000000000000000, 100000000000000000000, -1
            RSHIFT, -1180591620717411303424, 3, -147573952589676412928
            RSHIFT, 1180591620717411303424, 70, 1
            AND, 12, 10, 8
            AND, -12, 10, 0
            AND, -12, -10, -12
            AND, -1, 9223372036854775807, 9223372036854775807
            AND, -1180591620717411303424, 1180591620717411303429, 1180591620717411303424
            OR, 12, 10, 14
            OR, -12, 10, -2
            OR, -12, -10, -10
            OR, -9223372036854775808, 9223372036854775807, -1
            OR, 18446744073709551616, -1, -1
            XOR, 12, 10, 6
            XOR, -12, 10, -2
            XOR, -12, -10, 2
            XOR, -1, 9223372036854775807, -9223372036854775808
            XOR, 18446744073709551616, 18446744073709551617, 1
            """;

    @ParameterizedTest(name = "{0}({1}, {2}) == {3}")
    @CsvSource(textBlock = PYTHON_TABLE)
    void applyMatchesPython(IntOp op, BigInteger a, BigInteger b, BigInteger expected) {
        assertEquals(expected, op.apply(a, b));
    }

    @ParameterizedTest(name = "{0}({1}, {2}) == {3}")
    @CsvSource(textBlock = PYTHON_TABLE)
    void applyExactMatchesPythonWhenOperandsAndResultAreLongs(IntOp op, BigInteger a, BigInteger b, BigInteger expected) {
        if (isLong(a) && isLong(b)) {
            if (isLong(expected)) {
                assertEquals(expected.longValue(), op.applyExact(a.longValue(), b.longValue()));
            } else {
                assertThrows(ArithmeticException.class, () -> op.applyExact(a.longValue(), b.longValue()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = IntOp.class, names = {"FLOORDIV", "MOD"})
    void zeroDivisorThrowsPythonsMessageInBothForms(IntOp op) {
        assertMessage("integer division or modulo by zero", () -> op.applyExact(7, 0));
        assertMessage("integer division or modulo by zero", () -> op.apply(BigInteger.ONE, BigInteger.ZERO));
        assertMessage("integer division or modulo by zero", () -> op.apply(TEN_TO_20, BigInteger.ZERO));
    }

    @ParameterizedTest
    @EnumSource(value = IntOp.class, names = {"LSHIFT", "RSHIFT"})
    void negativeShiftCountThrowsInBothForms(IntOp op) {
        assertMessage("negative shift count", () -> op.applyExact(1, -1));
        assertMessage("negative shift count", () -> op.apply(BigInteger.ZERO, BigInteger.ONE.negate()));
        assertMessage("negative shift count", () -> op.apply(TEN_TO_20, TEN_TO_20.negate()));
    }

    @Test
    void negativeExponentThrowsInBothForms() {
        assertMessage("negative exponent", () -> IntOp.POW.applyExact(2, -1));
        assertMessage("negative exponent", () -> IntOp.POW.apply(BigInteger.ONE, BigInteger.ONE.negate()));
    }

    @Test
    void zeroToThePowerZeroIsOne() {
        assertEquals(1, IntOp.POW.applyExact(0, 0));
        assertEquals(BigInteger.ONE, IntOp.POW.apply(BigInteger.ZERO, BigInteger.ZERO));
    }

    @Test
    void rightShiftByAHugeCountLeavesTheSign() {
        assertEquals(0, IntOp.RSHIFT.applyExact(Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(-1, IntOp.RSHIFT.applyExact(-5, Long.MAX_VALUE));
        assertEquals(BigInteger.ZERO, IntOp.RSHIFT.apply(TEN_TO_20, TEN_TO_20));
        assertEquals(BigInteger.ONE.negate(), IntOp.RSHIFT.apply(TEN_TO_20.negate(), TEN_TO_20));
    }

    @Test
    void leftShiftOfZeroIsZeroForAnyCount() {
        assertEquals(0, IntOp.LSHIFT.applyExact(0, Long.MAX_VALUE));
        assertEquals(BigInteger.ZERO, IntOp.LSHIFT.apply(BigInteger.ZERO, TEN_TO_20));
    }

    @Test
    void leftShiftByATrillionIsTooLarge() {
        assertTooLarge(() -> IntOp.LSHIFT.apply(BigInteger.ONE, TRILLION));
        assertTooLarge(() -> IntOp.LSHIFT.apply(BigInteger.ONE.negate(), TEN_TO_20));
    }

    @Test
    void twoToTheTrillionIsTooLarge() {
        assertTooLarge(() -> IntOp.POW.apply(BigInteger.TWO, TRILLION));
        assertTooLarge(() -> IntOp.POW.apply(BigInteger.TWO.negate(), TEN_TO_20.pow(20)));
    }

    @Test
    void powerOfABaseFarBeyondLongIsTooLargeEvenForASmallExponent() {
        BigInteger base = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH / 2);
        assertTooLarge(() -> IntOp.POW.apply(base, BigInteger.valueOf(3)));
    }

    @Test
    void productOfTwoFactorsOfMoreThanHalfTheLimitIsTooLarge() {
        BigInteger factor = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH / 2 + 2);
        assertTooLarge(() -> IntOp.MUL.apply(factor, factor.negate()));
    }

    /** Squaring 2^(2^27) took 8-17 s to fail: the bound was two below the product's bit length. */
    @Test
    void productJustOverTheLimitIsRefusedBeforeComputing() {
        BigInteger half = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH / 2); // its square has MAX + 1 bits
        assertRefusedBeforeComputing(() -> IntOp.MUL.apply(half, half), "at least ");
        assertRefusedBeforeComputing(() -> IntOp.MUL.apply(half.negate(), half.negate()), "at least ");
        BigInteger threeQuarters = BigInteger.valueOf(3).shiftLeft(IntOp.MAX_BIT_LENGTH / 2 - 1); // square: MAX + 2 bits
        assertRefusedBeforeComputing(() -> IntOp.MUL.apply(threeQuarters, threeQuarters.negate()), "at least ");
        // -2^MAX has exactly MAX bits: allowed (not computed here, that takes seconds)
        assertEquals(IntOp.MAX_BIT_LENGTH, ResultSize.productBitLengthAtLeast(half.negate(), half));
    }

    /**
     * 3 ** 661_578 has MAX + 1 bits (E = MAX + 0.32). At the former cap of 2^28 bits, 3 ** 169_363_917
     * (MAX + 2 bits) computed for 76 s before failing while the margin was 2 bits.
     */
    @Test
    void powerJustOverTheLimitIsRefusedBeforeComputing() {
        BigInteger three = BigInteger.valueOf(3);
        assertRefusedBeforeComputing(() -> IntOp.POW.apply(three, BigInteger.valueOf(661_578)), "about ");
        assertRefusedBeforeComputing(() -> IntOp.POW.apply(three.negate(), BigInteger.valueOf(661_578)), "about ");
        // one less has MAX - 1 bits (E = MAX - 1.26): allowed; the pre-check alone
        assertDoesNotThrow(() -> ResultSize.checkPower(three, BigInteger.valueOf(661_577)));
        // powers of two: 2 ** MAX has MAX + 1 bits, (-2) ** (MAX - 1) is -2^(MAX - 1), MAX bits
        assertRefusedBeforeComputing(() -> IntOp.POW.apply(BigInteger.TWO, BigInteger.valueOf(IntOp.MAX_BIT_LENGTH + 1)), "about ");
        assertDoesNotThrow(() -> ResultSize.checkPower(BigInteger.TWO.negate(), BigInteger.valueOf(IntOp.MAX_BIT_LENGTH - 1)));
        assertDoesNotThrow(() -> ResultSize.checkPower(BigInteger.valueOf(1024), BigInteger.valueOf(IntOp.MAX_BIT_LENGTH / 10)));
    }

    @Test
    void productBitLengthBoundIsALowerBoundExactForPowersOfTwo() {
        java.util.Random random = new java.util.Random(20260505);
        for (int i = 0; i < 20_000; i++) {
            BigInteger a = productOperand(random);
            BigInteger b = productOperand(random);
            if (a.signum() == 0 || b.signum() == 0) {
                continue;
            }
            long bound = ResultSize.productBitLengthAtLeast(a, b);
            int exact = a.multiply(b).bitLength();
            String where = a + " * " + b;
            assertTrue(bound <= exact && bound >= exact - 1, () -> where + ": bound " + bound + ", exact " + exact);
            if (a.abs().bitCount() == 1 && b.abs().bitCount() == 1) {
                assertEquals(exact, bound, where);
            }
        }
    }

    /** Around powers of two, small, and random up to 2000 bits; either sign. */
    private static BigInteger productOperand(java.util.Random random) {
        BigInteger power = BigInteger.ONE.shiftLeft(random.nextInt(random.nextBoolean() ? 70 : 2000));
        BigInteger magnitude = switch (random.nextInt(5)) {
            case 0 -> power;
            case 1 -> power.subtract(BigInteger.ONE);
            case 2 -> power.add(BigInteger.valueOf(random.nextInt(3)));
            case 3 -> BigInteger.valueOf(random.nextInt(100));
            default -> new BigInteger(1 + random.nextInt(2000), random);
        };
        return random.nextBoolean() ? magnitude : magnitude.negate();
    }

    /** The pre-checks' messages say "at least" (products) or "about" (powers); the post-check's, neither. */
    private static void assertRefusedBeforeComputing(org.junit.jupiter.api.function.Executable call, String preCheck) {
        String message = assertThrows(ArithmeticException.class, call).getMessage();
        assertTrue(message.startsWith("result too large: " + preCheck), message);
    }

    @Test
    void productWithZeroOrOneOfAHugeFactorIsComputed() {
        BigInteger huge = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH - 1);
        assertEquals(BigInteger.ZERO, IntOp.MUL.apply(BigInteger.ZERO, huge));
        assertEquals(huge, IntOp.MUL.apply(huge, BigInteger.ONE));
    }

    @Test
    void leftShiftUpToTheLimitIsComputedAndOneBitMoreIsTooLarge() {
        BigInteger limit = BigInteger.valueOf(IntOp.MAX_BIT_LENGTH);
        assertEquals(IntOp.MAX_BIT_LENGTH, IntOp.LSHIFT.apply(BigInteger.ONE, limit.subtract(BigInteger.ONE)).bitLength());
        assertTooLarge(() -> IntOp.LSHIFT.apply(BigInteger.ONE, limit));
    }

    @Test
    void powerUpToTheLimitIsComputedAndOneBitMoreIsTooLarge() {
        BigInteger limit = BigInteger.valueOf(IntOp.MAX_BIT_LENGTH);
        assertEquals(IntOp.MAX_BIT_LENGTH, IntOp.POW.apply(BigInteger.TWO, limit.subtract(BigInteger.ONE)).bitLength());
        assertTooLarge(() -> IntOp.POW.apply(BigInteger.TWO, limit));
    }

    @Test
    void powerOfZeroAndOfPlusOrMinusOneTakesAnyExponent() {
        BigInteger huge = TEN_TO_20.pow(50);
        assertEquals(BigInteger.ZERO, IntOp.POW.apply(BigInteger.ZERO, huge));
        assertEquals(BigInteger.ONE, IntOp.POW.apply(BigInteger.ONE, huge));
        assertEquals(BigInteger.ONE, IntOp.POW.apply(BigInteger.ONE.negate(), huge));
        assertEquals(BigInteger.ONE.negate(), IntOp.POW.apply(BigInteger.ONE.negate(), huge.add(BigInteger.ONE)));
    }

    @Test
    void longFormOfALeftShiftOutOfRangeThrowsSoTheCallerFallsBack() {
        assertThrows(ArithmeticException.class, () -> IntOp.LSHIFT.applyExact(1, TRILLION.longValue()));
        assertThrows(ArithmeticException.class, () -> IntOp.POW.applyExact(2, TRILLION.longValue()));
    }

    @Test
    void operationsOtherThanMultiplicationPowerAndLeftShiftIgnoreTheLimit() {
        BigInteger atLimit = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH - 1);
        for (IntOp op : EnumSet.complementOf(EnumSet.of(IntOp.MUL, IntOp.POW, IntOp.LSHIFT))) {
            assertDoesNotThrow(() -> op.apply(atLimit, atLimit), op.name());
        }
        assertEquals(IntOp.MAX_BIT_LENGTH + 1, IntOp.ADD.apply(atLimit, atLimit).bitLength());
    }

    private static boolean isLong(BigInteger x) {
        return x.bitLength() < Long.SIZE;
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(ArithmeticException.class, call).getMessage());
    }

    private static void assertTooLarge(org.junit.jupiter.api.function.Executable call) {
        String message = assertThrows(ArithmeticException.class, call).getMessage();
        assertTrue(message.startsWith("result too large: ") && message.contains(" bits"), message);
    }
}
