"""Differential test: thousands of random in-place ops applied to AtomicInt and to int."""

import random
import unittest

from atomicint import AtomicInt

SYMBOLS = ["+=", "-=", "*=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "/="]


def random_value(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return rng.randint(-3, 3)
    if kind == 1:
        return rng.choice([2**31, 2**62, 2**63, 2**64]) * rng.choice([1, -1]) + rng.randint(-2, 2)
    if kind == 2:
        return rng.randint(-(2**200), 2**200)
    if kind == 3:
        return rng.choice([True, False])
    if kind == 4:
        return rng.choice([1.5, "7", None])
    return rng.randint(-1000, 1000)


def bounded(symbol, current, operand):
    """Keep results small enough to compute quickly with int itself."""
    if symbol == "**=" and isinstance(operand, int) and not isinstance(operand, bool):
        return operand if abs(current) <= 1 else max(-3, min(operand, 3))
    if symbol == "<<=" and isinstance(operand, int):
        return max(-3, min(operand, 300))
    return operand


def outcome(symbol, start, operand):
    """(value, exception type) after `start <symbol> operand` on a plain int.

    An AtomicInt only ever holds ints: a non-int operand is a TypeError (int might
    repeat a str, or answer a float), and so is any result that is not an int; a float
    operand first raises what int raises for it (ZeroDivisionError, OverflowError).
    """
    if not isinstance(operand, int) and type(operand) is not float:
        return start, TypeError
    scope = {"x": start, "y": operand}
    try:
        exec(f"x {symbol} y", scope)
    except Exception as error:  # noqa: BLE001 - the type is what is compared
        return start, type(error)
    if not isinstance(scope["x"], int):
        return start, TypeError  # AtomicInt cannot hold a float result
    return scope["x"], None


class DifferentialAgainstInt(unittest.TestCase):
    def test_random_op_sequences_match_int_values_and_exception_types(self):
        rng = random.Random(20261124)
        checked = 0
        for _ in range(40):
            plain = random_value(rng) if rng.random() < 0.5 else rng.randint(-50, 50)
            if not isinstance(plain, int) or isinstance(plain, bool):
                plain = 0
            n = AtomicInt(plain)
            for _ in range(60):
                symbol = rng.choice(SYMBOLS)
                operand = bounded(symbol, plain, random_value(rng))
                expected_value, expected_error = outcome(symbol, plain, operand)
                scope = {"x": n, "y": operand}
                actual_error = None
                try:
                    exec(f"x {symbol} y", scope)
                except Exception as error:  # noqa: BLE001
                    actual_error = type(error)
                self.assertEqual(actual_error, expected_error, f"{plain!r} {symbol} {operand!r}")
                self.assertIs(scope["x"], n)
                self.assertEqual(n.get(), expected_value, f"{plain!r} {symbol} {operand!r}")
                plain = expected_value
                if abs(plain) > 2**2000:
                    plain = plain % 2**100
                    n.set(plain)
                checked += 1
        self.assertEqual(checked, 40 * 60)

    def test_random_binary_ops_match_int(self):
        import operator
        rng = random.Random(7)
        ops = [operator.add, operator.sub, operator.mul, operator.floordiv, operator.mod, operator.and_,
               operator.or_, operator.xor, operator.lt, operator.eq, operator.ge]
        for _ in range(2000):
            a, b = rng.randint(-(2**70), 2**70), rng.randint(-(2**70), 2**70) or 1
            op = rng.choice(ops)
            self.assertEqual(op(AtomicInt(a), b), op(a, b))
            self.assertEqual(op(b, AtomicInt(a)), op(b, a))


if __name__ == "__main__":
    unittest.main()
