"""In-place operators: atomic updates of the same object, with int's semantics."""

import math
import unittest

from atomicint import AtomicInt
from atomicint._result_size import MAX_BIT_LENGTH

BIG = 2**100


class InPlaceOperatorsReturnTheSameObject(unittest.TestCase):
    def test_every_inplace_operator_keeps_the_identity(self):
        for symbol in ["+=", "-=", "*=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^="]:
            with self.subTest(symbol):
                n = AtomicInt(7)
                alias = n
                namespace = {"n": n}
                exec(f"n {symbol} 3", namespace)
                self.assertIs(namespace["n"], alias)

    def test_inplace_add_updates_every_alias(self):
        n = AtomicInt(1)
        alias = n
        n += 41
        self.assertEqual(alias.get(), 42)


class InPlaceOperatorsComputeLikeInt(unittest.TestCase):
    CASES = [(-7, 2), (7, -2), (-7, -2), (0, 5), (BIG, 3), (-BIG, 7), (5, BIG), (2**63 - 1, 1), (-(2**63), -1)]

    def check(self, symbol, a, b):
        expected = {"x": a}
        exec(f"x {symbol} b", {"b": b}, expected)
        actual = {"x": AtomicInt(a)}
        exec(f"x {symbol} b", {"b": b}, actual)
        self.assertEqual(actual["x"].get(), expected["x"], f"{a} {symbol} {b}")

    def test_add_sub_mul(self):
        for a, b in self.CASES:
            for symbol in ("+=", "-=", "*="):
                self.check(symbol, a, b)

    def test_floor_division_and_modulo_round_toward_minus_infinity(self):
        for a, b in self.CASES:
            for symbol in ("//=", "%="):
                self.check(symbol, a, b)

    def test_bitwise_operations_on_negative_and_big_values(self):
        for a, b in self.CASES:
            for symbol in ("&=", "|=", "^="):
                self.check(symbol, a, b)

    def test_shifts(self):
        for a in (1, -1, 5, -5, BIG, -BIG):
            for b in (0, 1, 63, 64, 200):
                self.check("<<=", a, b)
                self.check(">>=", a, b)

    def test_power(self):
        for a in (0, 1, -1, 2, -3, 10):
            for b in (0, 1, 2, 63, 100):
                self.check("**=", a, b)

    def test_values_cross_the_long_range_both_ways(self):
        n = AtomicInt(2**63 - 1)
        n += 1
        self.assertEqual(n.get(), 2**63)
        n -= 1
        self.assertEqual(n.get(), 2**63 - 1)
        n *= -(2**70)
        n //= 2**70
        self.assertEqual(n.get(), -(2**63 - 1))


class InPlaceOperandTypes(unittest.TestCase):
    def test_bool_operand_counts_as_int(self):
        n = AtomicInt(1)
        n += True
        self.assertEqual(n.get(), 2)

    def test_another_atomicint_is_an_operand(self):
        n, m = AtomicInt(2), AtomicInt(40)
        n += m
        self.assertEqual(n.get(), 42)
        self.assertEqual(m.get(), 40)

    def test_int_subclass_operand_uses_its_int_value(self):
        class Lying(int):
            def __index__(self):
                return 1000

            def __int__(self):
                return 1000

        n = AtomicInt(1)
        n += Lying(2)
        self.assertEqual(n.get(), 1 + 2)

    def test_non_int_operands_raise_type_error_and_leave_the_value(self):
        for bad in (1.5, "1", None, [1], 1j):
            for symbol in ["+=", "-=", "*=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^="]:
                with self.subTest(bad=bad, symbol=symbol):
                    n = AtomicInt(6)
                    with self.assertRaises(TypeError):
                        exec(f"n {symbol} bad", {"n": n, "bad": bad})
                    self.assertEqual(n.get(), 6)

    def test_object_with_index_is_refused_like_int_refuses_it(self):
        class Indexable:
            def __index__(self):
                return 3

        n = AtomicInt(6)
        with self.assertRaises(TypeError):
            n += Indexable()
        self.assertEqual(n.get(), 6)


class InPlaceErrorsLeaveTheValueUnchanged(unittest.TestCase):
    def assert_raises_unchanged(self, error, symbol, operand, start=10):
        n = AtomicInt(start)
        with self.assertRaises(error):
            exec(f"n {symbol} operand", {"n": n, "operand": operand})
        self.assertEqual(n.get(), start)

    def test_division_by_zero_raises_zero_division_error(self):
        self.assert_raises_unchanged(ZeroDivisionError, "//=", 0)
        self.assert_raises_unchanged(ZeroDivisionError, "%=", 0)

    def test_negative_shift_count_raises_value_error(self):
        self.assert_raises_unchanged(ValueError, "<<=", -1)
        self.assert_raises_unchanged(ValueError, ">>=", -1)

    def test_negative_exponent_raises_type_error_as_the_result_is_a_float(self):
        self.assert_raises_unchanged(TypeError, "**=", -1)

    def test_true_division_raises_type_error(self):
        self.assert_raises_unchanged(TypeError, "/=", 2)

    def test_matrix_multiplication_raises_type_error(self):
        self.assert_raises_unchanged(TypeError, "@=", 2)

    def test_absurdly_large_results_fail_fast_with_overflow_error(self):
        self.assert_raises_unchanged(OverflowError, "<<=", 10**12)
        self.assert_raises_unchanged(OverflowError, "**=", 10**12, start=3)
        self.assert_raises_unchanged(OverflowError, "*=", 2**MAX_BIT_LENGTH, start=2**(MAX_BIT_LENGTH // 2))


class OperandRulesFoundByFuzzing(unittest.TestCase):
    """Regression tests for what test_fuzz found (see its RULES for the whole rule set)."""

    def assert_raises_unchanged(self, error, symbol, operand, start=10):
        n = AtomicInt(start)
        namespace = {"n": n, "operand": operand}
        with self.assertRaises(error):
            exec(f"n {symbol} operand", namespace)
        self.assertIs(namespace["n"], n)
        self.assertEqual(n.get(), start)

    def test_float_operand_raises_what_int_raises_first(self):
        # int raises these for the same operands; the AtomicInt used to raise TypeError
        self.assert_raises_unchanged(ZeroDivisionError, "//=", 0.0)
        self.assert_raises_unchanged(ZeroDivisionError, "%=", 0.0)
        self.assert_raises_unchanged(ZeroDivisionError, "**=", -1.0, start=0)
        self.assert_raises_unchanged(OverflowError, "+=", 1.5, start=2**2000)
        self.assert_raises_unchanged(OverflowError, "+=", 1j, start=-(2**2000))

    def test_float_or_complex_result_raises_type_error(self):
        for symbol, operand in [("+=", 1.5), ("//=", 0.5), ("**=", 0.5), ("-=", 1j), ("/=", 4.0), ("%=", math.nan)]:
            with self.subTest(symbol=symbol, operand=operand):
                self.assert_raises_unchanged(TypeError, symbol, operand)

    def test_matmul_never_falls_back_to_the_operand(self):
        class ReflectedMatmul:
            def __rmatmul__(self, other):
                return 42

        # without AtomicInt.__imatmul__, Python called __rmatmul__ and rebound n to 42
        self.assert_raises_unchanged(TypeError, "@=", ReflectedMatmul())

    def test_other_objects_are_never_asked(self):
        asked = []

        class Curious:
            def __getattr__(self, name):
                asked.append(name)
                raise AttributeError(name)

            def __rtruediv__(self, other):
                asked.append("__rtruediv__")
                raise ValueError("asked")

            __radd__ = __rfloordiv__ = __index__ = __rtruediv__

        for symbol in ("+=", "//=", "/=", "<<="):
            self.assert_raises_unchanged(TypeError, symbol, Curious())
        self.assertEqual(asked, [])

    def test_int_subclass_operators_are_not_asked(self):
        class Reflecting(int):
            def __radd__(self, other):
                return "reflected"

            __rtruediv__ = __rfloordiv__ = __radd__

        n = AtomicInt(5)
        n += Reflecting(3)  # an int would become "reflected"
        n //= Reflecting(2)
        self.assertEqual(n.get(), 4)
        self.assert_raises_unchanged(TypeError, "/=", Reflecting(2))  # a float result, not the str

    def test_cpython_answers_where_graalpy_int_differs(self):
        # GraalPy 25.0.3's int gives (-1) ** 2**64 == -1 and raises OverflowError for 0 << 2**40
        n = AtomicInt(-1)
        n **= 2**64
        self.assertEqual(n.get(), 1)
        n **= 2**64 + 1
        self.assertEqual(n.get(), 1)
        n.set(0)
        n <<= 2**40
        self.assertEqual(n.get(), 0)


if __name__ == "__main__":
    unittest.main()
