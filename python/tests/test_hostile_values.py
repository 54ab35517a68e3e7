"""What a hostile caller can hand an AtomicInt: values past the cap, text of huge values.

Every value that enters an AtomicInt is checked against the 2**20-bit cap (``IntOp.MAX_BIT_LENGTH``)
before any other work, on every backend: the constructor, ``set``, ``value =``, ``get_and_set``,
``compare_and_set``'s new value and an update function's result raise ``OverflowError`` and leave
the value unchanged. Text is bounded as for ``int``: ``str``, ``repr`` and ``format`` with a decimal
presentation honour ``sys.get_int_max_str_digits()`` (``ValueError`` past it, with int's own
message), on every Python (GraalPy 25.0.3's own int does not for ``format(v, 'd')``). Error messages
carry at most a short prefix of a number. None of this needs a value at the cap to be stored, so the
module also runs on the remote backend (test_huge_requests covers values at the cap).
"""

import sys
import time
import unittest

from atomicint import AtomicInt
from atomicint._result_size import MAX_BIT_LENGTH

#: Seconds a refusal may take: generous for a cold interpreter on a loaded 2-core machine.
FAST = 5.0

#: Far past the cap: 64 times its size (8 MiB).
HUGE = 1 << (MAX_BIT_LENGTH * 64)

#: The longest message a refusal may have: a prefix of a number, never the number.
SHORT = 300


class ValuesPastTheCapAreRefused(unittest.TestCase):
    def assert_refused(self, n, call, before=7):
        """`call()` raises OverflowError within FAST seconds with a short message; n keeps `before`."""
        start = time.monotonic()
        with self.assertRaises(OverflowError) as caught:
            call()
        self.assertLess(time.monotonic() - start, FAST)
        self.assertTrue(n.get() == before, "the value changed")
        message = str(caught.exception)
        self.assertIn("too large", message)
        self.assertIn("unchanged", message)
        self.assertLess(len(message), SHORT)

    def test_the_constructor_refuses_a_value_past_the_cap(self):
        for value in (HUGE, -HUGE, 1 << MAX_BIT_LENGTH, -(1 << MAX_BIT_LENGTH) - 1):
            with self.subTest(bits=value.bit_length(), negative=value < 0):
                with self.assertRaises(OverflowError):
                    AtomicInt(value)

    def test_set_refuses_a_value_past_the_cap(self):
        n = AtomicInt(7)
        self.assert_refused(n, lambda: n.set(HUGE))
        self.assert_refused(n, lambda: n.set(1 << MAX_BIT_LENGTH))

    def test_assigning_value_refuses_a_value_past_the_cap(self):
        n = AtomicInt(7)
        self.assert_refused(n, lambda: setattr(n, "value", -HUGE))

    def test_get_and_set_refuses_a_value_past_the_cap(self):
        n = AtomicInt(7)
        self.assert_refused(n, lambda: n.get_and_set(HUGE))

    def test_compare_and_set_refuses_a_new_value_past_the_cap_whether_or_not_it_matches(self):
        n = AtomicInt(7)
        self.assert_refused(n, lambda: n.compare_and_set(7, HUGE))
        self.assert_refused(n, lambda: n.compare_and_set(8, HUGE))

    def test_an_update_function_result_past_the_cap_is_refused(self):
        n = AtomicInt(7)
        self.assert_refused(n, lambda: n.update_and_get(lambda v: HUGE))
        self.assert_refused(n, lambda: n.get_and_update(lambda v: -HUGE))

    def test_adding_a_delta_past_the_cap_is_refused(self):
        n = AtomicInt(7)
        for call in (lambda: n.add_and_get(HUGE), lambda: n.get_and_add(HUGE), lambda: n.increment_and_get(HUGE)):
            self.assert_refused(n, call)

    def test_a_value_within_the_cap_is_still_taken(self):
        n = AtomicInt(7)
        n.set(-(1 << 5000))
        self.assertEqual(n.get(), -(1 << 5000))


class TextIsBoundedAsForInt(unittest.TestCase):
    """A value of 5001 digits: past Python's default limit of 4300 digits."""

    VALUE = -(10**5000)

    def setUp(self):
        previous = sys.get_int_max_str_digits()
        self.addCleanup(sys.set_int_max_str_digits, previous)
        sys.set_int_max_str_digits(4300)

    def assert_raises_as_int(self, convert):
        """`convert(n)` raises int's own ValueError, as `str(plain int)` does."""
        n = AtomicInt(self.VALUE)
        with self.assertRaises(ValueError) as ints:
            str(self.VALUE)
        with self.assertRaises(ValueError) as ours:
            convert(n)
        self.assertEqual(str(ours.exception), str(ints.exception))

    def test_str_past_the_limit_raises_value_error(self):
        self.assert_raises_as_int(str)

    def test_repr_past_the_limit_raises_value_error(self):
        self.assert_raises_as_int(repr)

    def test_format_and_f_strings_in_decimal_past_the_limit_raise_value_error(self):
        for spec in ("", "d", ",", "_", ">10", "+d", "020,d", "n"):
            with self.subTest(spec=spec):
                self.assert_raises_as_int(lambda n: format(n, spec))
        self.assert_raises_as_int(lambda n: f"{n}")
        self.assert_raises_as_int(lambda n: f"{n:,}")

    def test_format_in_other_bases_has_no_digit_limit_as_for_int(self):
        n = AtomicInt(self.VALUE)
        for spec in ("x", "#X", "b", "o"):
            with self.subTest(spec=spec):
                self.assertEqual(format(n, spec), format(self.VALUE, spec))
        self.assertEqual(hex(n), hex(self.VALUE))

    def test_text_within_the_limit_is_int_text(self):
        value = -(10**4299)  # 4300 digits
        n = AtomicInt(value)
        self.assertEqual(str(n), str(value))
        self.assertEqual(repr(n), f"AtomicInt({value})")
        self.assertEqual(format(n, ","), format(value, ","))

    def test_a_raised_or_removed_limit_is_honoured(self):
        n = AtomicInt(self.VALUE)
        for limit in (6000, 0):
            with self.subTest(limit=limit):
                sys.set_int_max_str_digits(limit)
                self.assertEqual(str(n), str(self.VALUE))
                self.assertEqual(format(n, "d"), str(self.VALUE))


class MessagesCarryNoWholeNumber(unittest.TestCase):
    def test_a_huge_shift_count_is_abbreviated_in_the_overflow_message(self):
        n = AtomicInt(3)
        with self.assertRaises(OverflowError) as caught:
            n <<= 1 << 100_000  # its decimal text would be 30,103 digits: ValueError past int's limit
        self.assertLess(len(str(caught.exception)), SHORT)
        self.assertIn("bits", str(caught.exception))
        self.assertEqual(n.get(), 3)

    def test_a_long_negative_exponent_is_abbreviated_in_the_type_error(self):
        n = AtomicInt(3)
        with self.assertRaises(TypeError) as caught:
            n **= -(10**300)  # the longest for which int gives a float (and no OverflowError)
        self.assertLess(len(str(caught.exception)), SHORT)
        self.assertIn("negative exponent", str(caught.exception))
        self.assertEqual(n.get(), 3)


if __name__ == "__main__":
    unittest.main()
