"""Requests for absurdly large results fail fast with OverflowError and change nothing.

An AtomicInt refuses a result of more than 2**20 bits (``IntOp.MAX_BIT_LENGTH``, a 128 KiB
number) with ``OverflowError``, checked before computing it, and keeps its value. CPython
has no such limit: it raises ``OverflowError`` for some of these requests (``1 << 2**64``)
and ``MemoryError`` for others, after trying (``1 << 10**12``, ``2 ** 10**12``); atomicint
always raises ``OverflowError``, Python's error for "the result does not fit", with a
message that says so and that the AtomicInt is unchanged.
"""

import math
import time
import traceback
import unittest

from atomicint import AtomicInt
from atomicint._result_size import MAX_BIT_LENGTH

from .support import OWN_FRAMES_KEPT, Raised, own_frames

#: Half the cap: a value whose square is just about at it.
HALF = MAX_BIT_LENGTH // 2

#: Seconds a refused request may take: generous for a cold interpreter on a loaded 2-core
#: machine. Computing any of these results would take hours or exhaust the memory.
FAST = 5.0


class HugeRequestsFailFast(unittest.TestCase):
    def assert_fails_fast(self, n, symbol, operand, before):
        """`n symbol operand` raises OverflowError within FAST seconds; n keeps `before`."""
        namespace = {"n": n, "operand": operand}
        start = time.monotonic()
        with self.assertRaises(OverflowError) as caught:
            exec(f"n {symbol} operand", namespace)
        elapsed = time.monotonic() - start
        self.assertLess(elapsed, FAST, f"n {symbol} <a {operand.bit_length()}-bit int>")
        self.assertIs(namespace["n"], n)
        self.assertTrue(n == before, "the value changed")
        message = str(caught.exception)
        self.assertIn("too large", message)
        self.assertIn("unchanged", message)

    def test_left_shift_by_a_trillion(self):
        for start in (1, -1, 3, 2**63 - 1, -(2**63), 2**200):
            for count in (10**12, 2**64, 2**200):
                with self.subTest(start=start, count=count):
                    self.assert_fails_fast(AtomicInt(start), "<<=", count, start)

    def test_power_of_a_trillion(self):
        for base in (2, -2, 3, 2**62, -(2**63), 2**200):
            for exponent in (10**12, 2**64, 10**100):
                with self.subTest(base=base, exponent=exponent):
                    self.assert_fails_fast(AtomicInt(base), "**=", exponent, base)

    def test_power_just_over_the_limit(self):
        self.assert_fails_fast(AtomicInt(2), "**=", MAX_BIT_LENGTH, 2)
        self.assert_fails_fast(AtomicInt(2**1024), "**=", MAX_BIT_LENGTH // 1024, 2**1024)
        # 3 ** e with e = ceil(MAX / log2(3)) + 1: just past the cap (at 2**28 bits, 3 ** 169_363_917
        # took 76 s to fail before the estimate's margin shrank from 2 bits to 1e-3)
        just_past = int(MAX_BIT_LENGTH / math.log2(3)) + 1
        self.assertIn((3 ** just_past).bit_length(), (MAX_BIT_LENGTH + 1, MAX_BIT_LENGTH + 2))
        self.assert_fails_fast(AtomicInt(3), "**=", just_past, 3)
        self.assert_fails_fast(AtomicInt(-3), "**=", just_past, -3)

    def test_trivial_bases_take_any_exponent_or_shift_count(self):
        for start, symbol, operand, result in [(0, "<<=", 10**12, 0), (0, "**=", 10**12, 0), (1, "**=", 10**12, 1),
                                               (-1, "**=", 10**12 + 1, -1), (-1, "**=", 2**64, 1), (5, ">>=", 10**12, 0),
                                               (-5, ">>=", 2**200, -1), (0, "*=", 1 << 2**20, 0)]:
            with self.subTest(start=start, symbol=symbol):
                n = AtomicInt(start)
                exec(f"n {symbol} operand", {"n": n, "operand": operand})
                self.assertEqual(n.get(), result)

    def test_multiplying_by_a_huge_factor_repeatedly_stops_at_the_limit(self):
        huge = 1 << HALF  # HALF + 1 bits
        n = AtomicInt(3)
        n *= huge  # HALF + 2 bits: under the limit, computed
        self.assertEqual(n.bit_length(), HALF + 2)
        before = n.get()
        start = time.monotonic()
        for operand in (huge, -huge, huge, n, 1 << (HALF - 1), huge):
            with self.subTest(operand="n" if operand is n else operand.bit_length()):
                self.assert_fails_fast(n, "*=", operand, before)
        self.assertLess(time.monotonic() - start, 2 * FAST)

    def test_squaring_just_over_the_limit(self):
        # took 8-17 s before products were checked from their operands' top bits
        for sign in (1, -1):
            n = AtomicInt(sign)
            n <<= HALF  # HALF + 1 bits; its square has MAX_BIT_LENGTH + 1
            self.assert_fails_fast(n, "*=", n, sign << HALF)

    def test_operand_itself_over_the_limit(self):
        self.assert_fails_fast(AtomicInt(3), "*=", 1 << MAX_BIT_LENGTH, 3)

    def test_update_function_that_asks_int_for_a_huge_result_propagates_ints_error(self):
        # computed by Python's own int in the calling thread: whatever int raises, as itself
        raised = []

        def shift(v):
            try:
                return v << 10**12
            except BaseException as error:
                raised.append(error)
                raise

        n = AtomicInt(7)
        start = time.monotonic()
        with self.assertRaises(BaseException) as caught:
            n.update_and_get(shift)
        self.assertLess(time.monotonic() - start, FAST)
        self.assertIs(caught.exception, raised[0])
        self.assertEqual(n.get(), 7)



class ValuesAtTheCap(unittest.TestCase):
    """A value at the cap is held; an update that would grow it by one bit is refused."""

    TOP = (1 << MAX_BIT_LENGTH) - 1  # the largest value: MAX_BIT_LENGTH bits
    BOTTOM = -(1 << MAX_BIT_LENGTH)  # the smallest: Java's bitLength is MAX_BIT_LENGTH (Python's is one more)

    def assert_refused(self, n, call, before):
        start = time.monotonic()
        with self.assertRaises(OverflowError) as caught:
            call()
        self.assertLess(time.monotonic() - start, FAST)
        self.assertTrue(n == before, "the value changed")
        self.assertIn("too large", str(caught.exception))

    def test_the_extreme_values_are_held(self):
        for value in (self.TOP, self.BOTTOM):
            self.assertTrue(AtomicInt(value) == value)

    def test_adding_past_the_cap_is_refused(self):
        n = AtomicInt(self.TOP)
        for call in (lambda: n.__iadd__(1), lambda: n.__iadd__(n), lambda: n.add_and_get(1),
                     lambda: n.get_and_increment(), lambda: n.__isub__(-1)):
            self.assert_refused(n, call, self.TOP)
        n = AtomicInt(self.BOTTOM)
        for call in (lambda: n.decrement_and_get(), lambda: n.__iadd__(-1), lambda: n.get_and_add(-1)):
            self.assert_refused(n, call, self.BOTTOM)

    def test_adding_up_to_the_cap_is_held(self):
        for start, delta, end in ((self.TOP - 1, 1, self.TOP), (self.BOTTOM + 1, -1, self.BOTTOM)):
            n = AtomicInt(start)
            n += delta
            self.assertTrue(n == end)
            n = AtomicInt(start)
            self.assertTrue(n.get_and_add(delta) == start)
            self.assertTrue(n == end)

    def test_adding_past_the_cap_ends_at_the_callers_line(self):
        # On the Java backends `n += 1` is one Java call, whose refusal becomes OverflowError in
        # atomicint's __iadd__: none of its frames stays (test_tracebacks has the other errors;
        # a value at the cap is too slow for the store backends that run that module).
        n = AtomicInt(self.TOP)
        with Raised(OverflowError) as raised:
            n += 1
        own = own_frames(raised.error)
        self.assertLessEqual(len(own), OWN_FRAMES_KEPT, own)
        last = traceback.extract_tb(raised.error.__traceback__)[-1 - len(own)]
        self.assertEqual((last.filename, last.line), (__file__, "n += 1"))

    def test_floor_dividing_the_smallest_value_by_minus_one_is_refused(self):
        n = AtomicInt(self.BOTTOM)
        self.assert_refused(n, lambda: n.__ifloordiv__(-1), self.BOTTOM)

    def test_decimal_text_of_a_value_at_the_cap_is_refused_at_once(self):
        # GraalPy 25.0.3's int converts format(v, "d") whatever its size: 8-19 s at 2**22 bits
        n = AtomicInt(self.TOP)
        for convert in (str, repr, lambda v: format(v, "d"), lambda v: f"{v:,}"):
            start = time.monotonic()
            with self.assertRaises(ValueError):
                convert(n)
            self.assertLess(time.monotonic() - start, FAST)


if __name__ == "__main__":
    unittest.main()
