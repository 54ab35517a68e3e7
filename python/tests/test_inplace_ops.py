"""In-place operators: atomic updates of the same object, with int's semantics."""

import unittest

from atomicint import AtomicInt

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
        self.assert_raises_unchanged(OverflowError, "*=", 2**(2**28), start=2**(2**27))


if __name__ == "__main__":
    unittest.main()
