"""An error from an operation ends at the caller's line, as an ``int``'s does.

``n //= 0`` on an int shows the user's line and nothing else; on an AtomicInt the traceback must
not show atomicint's own frames either (``_protocol.py``, the backends, ``_interop.py``), on any
backend: each case checks that no frame of the traceback is in atomicint's files and that its
last frame is the line that made the call. A function the caller passed in (an update function)
keeps its own frames: they are the caller's code.
"""

import traceback
import unittest

from atomicint import AtomicInt

from .support import OWN_FRAMES_KEPT, Raised, own_frames


class ErrorsEndAtTheCallersLine(unittest.TestCase):
    def assert_ends_at(self, error, line):
        """``error``'s traceback keeps no frame of atomicint's (but the one Python 3.10 keeps) and
        its last other frame is ``line`` of this file."""
        own = own_frames(error)
        self.assertLessEqual(len(own), OWN_FRAMES_KEPT, own)
        frames = traceback.extract_tb(error.__traceback__)
        last = frames[-1 - len(own)]
        self.assertEqual((last.filename, last.line), (__file__, line))

    def test_floor_division_by_zero_in_place(self):
        n = AtomicInt(5)
        with Raised(ZeroDivisionError) as raised:
            n //= 0
        self.assert_ends_at(raised.error, "n //= 0")

    def test_modulo_by_zero_in_place(self):
        n = AtomicInt(5)
        with Raised(ZeroDivisionError) as raised:
            n %= 0
        self.assert_ends_at(raised.error, "n %= 0")

    def test_adding_a_str_in_place(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n += "x"
        self.assert_ends_at(raised.error, 'n += "x"')

    def test_adding_a_float_in_place(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n += 0.5
        self.assert_ends_at(raised.error, "n += 0.5")

    def test_true_division_in_place(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n /= 2
        self.assert_ends_at(raised.error, "n /= 2")

    def test_a_negative_exponent_in_place(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n **= -1
        self.assert_ends_at(raised.error, "n **= -1")

    def test_a_negative_shift_count_in_place(self):
        n = AtomicInt(5)
        with Raised(ValueError) as raised:
            n <<= -1
        self.assert_ends_at(raised.error, "n <<= -1")

    def test_a_shift_past_the_cap_in_place(self):
        n = AtomicInt(1)
        with Raised(OverflowError) as raised:
            n <<= 2**20
        self.assert_ends_at(raised.error, "n <<= 2**20")

    def test_matrix_multiplication_in_place(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n @= 1
        self.assert_ends_at(raised.error, "n @= 1")

    def test_adding_a_str(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n + "x"
        self.assert_ends_at(raised.error, 'n + "x"')

    def test_adding_to_a_str(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            "x" + n
        self.assert_ends_at(raised.error, '"x" + n')

    def test_floor_division_by_zero(self):
        n = AtomicInt(5)
        with Raised(ZeroDivisionError) as raised:
            n // 0
        self.assert_ends_at(raised.error, "n // 0")

    def test_comparing_with_a_str(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n < "x"
        self.assert_ends_at(raised.error, 'n < "x"')

    def test_setting_a_str(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n.set("x")
        self.assert_ends_at(raised.error, 'n.set("x")')

    def test_assigning_a_str_to_value(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n.value = "x"
        self.assert_ends_at(raised.error, 'n.value = "x"')

    def test_setting_another_attribute(self):
        n = AtomicInt(5)
        with Raised(AttributeError) as raised:
            n.other = 1
        self.assert_ends_at(raised.error, "n.other = 1")

    def test_compare_and_set_with_a_str(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n.compare_and_set(5, "x")
        self.assert_ends_at(raised.error, 'n.compare_and_set(5, "x")')

    def test_decrementing_by_a_str(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n.decrement_and_get("x")
        self.assert_ends_at(raised.error, 'n.decrement_and_get("x")')

    def test_an_update_function_returning_a_str(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            n.update_and_get(str)
        self.assert_ends_at(raised.error, "n.update_and_get(str)")

    def test_a_bad_format_spec(self):
        n = AtomicInt(5)
        with Raised(ValueError) as raised:
            format(n, "q")
        self.assert_ends_at(raised.error, 'format(n, "q")')

    def test_to_bytes_too_short(self):
        n = AtomicInt(1000)
        with Raised(OverflowError) as raised:
            n.to_bytes(1)
        self.assert_ends_at(raised.error, "n.to_bytes(1)")

    def test_hashing(self):
        n = AtomicInt(5)
        with Raised(TypeError) as raised:
            hash(n)
        self.assert_ends_at(raised.error, "hash(n)")

    def test_an_update_functions_own_error_keeps_its_frame_and_none_of_atomicints(self):
        def fail(value):
            return value // 0

        n = AtomicInt(5)
        with Raised(ZeroDivisionError) as raised:
            n.update_and_get(fail)
        self.assertLessEqual(len(own_frames(raised.error)), OWN_FRAMES_KEPT, own_frames(raised.error))
        lines = [(frame.name, frame.line) for frame in traceback.extract_tb(raised.error.__traceback__)
                 if frame.filename == __file__]
        self.assertEqual(lines, [(self._testMethodName, "n.update_and_get(fail)"), ("fail", "return value // 0")])


class ConstructorErrorsEndAtTheCallersLine(unittest.TestCase):
    # Not the last frame: the suite's runner makes store-backed AtomicInts through its own __new__.

    def test_constructing_from_a_str(self):
        with Raised(TypeError) as raised:
            AtomicInt("x")
        self.assertLessEqual(len(own_frames(raised.error)), OWN_FRAMES_KEPT, own_frames(raised.error))
        lines = [frame.line for frame in traceback.extract_tb(raised.error.__traceback__) if frame.filename == __file__]
        self.assertEqual(lines, ['AtomicInt("x")'])


if __name__ == "__main__":
    unittest.main()
