"""Reading an AtomicInt: it behaves as the int it holds, and results are plain values."""

import copy
import fractions
import math
import operator
import pickle
import rlcompleter
import unittest

from atomicint import AtomicInt


class BinaryOperatorsGivePlainResults(unittest.TestCase):
    OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod,
           divmod, operator.pow, operator.lshift, operator.rshift, operator.and_, operator.or_, operator.xor]

    SMALL_OPERANDS_ONLY = (operator.lshift, operator.rshift, operator.pow)  # reflected, big operands are absurd

    def test_forward_and_reflected_operators_match_int(self):
        for op in self.OPS:
            for a, b in [(17, 5), (-17, 5), (2**70, 3), (3, 2)] if op not in self.SMALL_OPERANDS_ONLY else [(17, 5), (3, 2)]:
                with self.subTest(op=op.__name__, a=a, b=b):
                    self.assertEqual(op(AtomicInt(a), b), op(a, b))
                    self.assertEqual(op(b, AtomicInt(a)), op(b, a))

    def test_results_are_plain_ints_not_atomicints(self):
        self.assertIs(type(AtomicInt(2) + 1), int)
        self.assertIs(type(1 + AtomicInt(2)), int)

    def test_mixed_numeric_types_give_what_int_gives(self):
        n = AtomicInt(3)
        self.assertEqual(n + 0.5, 3.5)
        self.assertEqual(n * 1j, 3j)
        self.assertEqual(n + fractions.Fraction(1, 2), fractions.Fraction(7, 2))
        self.assertEqual(n / 2, 1.5)
        self.assertEqual(n ** -1, 3 ** -1)

    def test_two_atomicints_combine(self):
        self.assertEqual(AtomicInt(40) + AtomicInt(2), 42)

    def test_three_argument_pow(self):
        self.assertEqual(pow(AtomicInt(3), 4, 5), pow(3, 4, 5))

    def test_unsupported_operand_raises_type_error(self):
        with self.assertRaises(TypeError):
            AtomicInt(1) + "a"


class ComparisonsMatchInt(unittest.TestCase):
    def test_compares_with_int_float_fraction_complex_and_atomicint(self):
        n = AtomicInt(3)
        self.assertTrue(n == 3 and n == 3.0 and n == fractions.Fraction(3) and n == 3 + 0j and n == AtomicInt(3))
        self.assertTrue(n < 4 and n <= 3 and n > 2.5 and n >= fractions.Fraction(5, 2) and n < AtomicInt(4))
        self.assertTrue(n != 4)

    def test_big_values_compare_exactly(self):
        self.assertTrue(AtomicInt(2**100) > 2**100 - 1)
        self.assertFalse(AtomicInt(2**100) == 2**100 + 1)


class ConversionsMatchInt(unittest.TestCase):
    def test_int_float_complex_bool(self):
        n = AtomicInt(-7)
        self.assertEqual((int(n), float(n), complex(n), bool(n), bool(AtomicInt(0))), (-7, -7.0, -7 + 0j, True, False))

    def test_index_makes_range_sequence_indexing_and_hex_work(self):
        n = AtomicInt(3)
        self.assertEqual(list(range(n)), [0, 1, 2])
        self.assertEqual("abcd"[n], "d")
        self.assertEqual((hex(n), bin(n), oct(n), operator.index(n)), ("0x3", "0b11", "0o3", 3))

    def test_unary_operators_and_abs(self):
        n = AtomicInt(-5)
        self.assertEqual((-n, +n, ~n, abs(n)), (5, -5, 4, 5))

    def test_rounding_functions(self):
        n = AtomicInt(1234)
        self.assertEqual((round(n), round(n, -2), math.floor(n), math.ceil(n), math.trunc(n)), (1234, 1200, 1234, 1234, 1234))

    def test_format_and_str_like_int_repr_names_the_type(self):
        n = AtomicInt(1234567)
        self.assertEqual((str(n), f"{n:,}", f"{n:x}", format(n, ">10")), ("1234567", "1,234,567", "12d687", "   1234567"))
        self.assertEqual(repr(n), "AtomicInt(1234567)")

    def test_big_value_str(self):
        self.assertEqual(str(AtomicInt(-(10**40))), str(-(10**40)))


class ReadOnlyIntApi(unittest.TestCase):
    def test_int_methods_act_on_the_current_value(self):
        n = AtomicInt(-10)
        self.assertEqual(n.bit_length(), (-10).bit_length())
        self.assertEqual(n.bit_count(), (-10).bit_count())
        self.assertEqual(n.to_bytes(2, "big", signed=True), (-10).to_bytes(2, "big", signed=True))
        self.assertEqual(n.as_integer_ratio(), (-10, 1))
        self.assertEqual(n.conjugate(), -10)
        self.assertTrue(n.is_integer())

    def test_number_attributes(self):
        n = AtomicInt(9)
        self.assertEqual((n.real, n.imag, n.numerator, n.denominator), (9, 0, 9, 1))

    def test_from_bytes_makes_an_atomicint(self):
        n = AtomicInt.from_bytes(b"\x01\x00", "big")
        self.assertIsInstance(n, AtomicInt)
        self.assertEqual(n.get(), 256)


class MutableObjectSemantics(unittest.TestCase):
    def test_unhashable(self):
        with self.assertRaises(TypeError):
            hash(AtomicInt(1))

    def test_copy_is_independent_with_the_same_value(self):
        n = AtomicInt(5)
        for duplicate in (copy.copy(n), copy.deepcopy(n)):
            self.assertIsNot(duplicate, n)
            self.assertIsInstance(duplicate, AtomicInt)
            duplicate += 1
            self.assertEqual((duplicate.get(), n.get()), (6, 5))

    def test_pickle_round_trip_gives_an_independent_atomicint(self):
        n = AtomicInt(2**80)
        restored = pickle.loads(pickle.dumps(n))
        self.assertIsInstance(restored, AtomicInt)
        self.assertEqual(restored.get(), 2**80)
        restored += 1
        self.assertEqual(n.get(), 2**80)

    def test_isinstance_of_atomicint_not_of_int(self):
        self.assertIsInstance(AtomicInt(1), AtomicInt)
        self.assertNotIsInstance(AtomicInt(1), int)


class ErrorMessagesNameAtomicInt(unittest.TestCase):
    """Python's own error messages name the type as CPython's backend does (on GraalPy's host
    backend the Java objects' type is GraalPy's generated one, renamed)."""

    def test_the_type_is_named_atomicint(self):
        self.assertEqual(type(AtomicInt(1)).__name__, "AtomicInt")

    def test_unhashable_names_atomicint(self):
        with self.assertRaises(TypeError) as raised:
            hash(AtomicInt(1))
        self.assertEqual(str(raised.exception), "unhashable type: 'AtomicInt'")

    def test_not_callable_names_atomicint(self):
        with self.assertRaises(TypeError) as raised:
            AtomicInt(1)()
        self.assertEqual(str(raised.exception), "'AtomicInt' object is not callable")

    def test_a_missing_attribute_names_atomicint(self):
        n = AtomicInt(1)
        with self.assertRaises(AttributeError) as raised:
            n.no_such_attribute
        self.assertEqual(str(raised.exception), "'AtomicInt' object has no attribute 'no_such_attribute'")
        self.assertFalse(hasattr(n, "no_such_attribute"))

    def test_deleting_the_value_is_refused_and_keeps_it(self):
        n = AtomicInt(7)
        with self.assertRaises(AttributeError) as raised:
            del n.value
        self.assertEqual(str(raised.exception), "'AtomicInt' object attribute 'value' is read-only")
        self.assertEqual(n.get(), 7)


class IntrospectionShowsThePythonApi(unittest.TestCase):
    """``type``, ``dir`` and the REPL's completion show the Python type and its API, as on CPython's
    backend: no Java method names (``compareAndSet``) on GraalPy's host backend."""

    #: The public names of the API (docs/python.md): the atomic methods and int's read-only API.
    API = ["add_and_get", "as_integer_ratio", "bit_count", "bit_length", "compare_and_set", "conjugate",
           "decrement_and_get", "denominator", "from_bytes", "get", "get_and_add", "get_and_decrement",
           "get_and_increment", "get_and_set", "get_and_update", "imag", "increment_and_get", "is_integer",
           "numerator", "real", "set", "to_bytes", "update_and_get", "value"]

    def test_the_types_module_is_atomicint(self):
        self.assertEqual(type(AtomicInt(1)).__module__, "atomicint")

    def test_the_types_repr_names_atomicint_atomicint(self):
        self.assertEqual(repr(type(AtomicInt(1))), "<class 'atomicint.AtomicInt'>")

    def test_dir_lists_exactly_the_python_api_beside_underscore_names(self):
        self.assertEqual([name for name in dir(AtomicInt(1)) if not name.startswith("_")], self.API)

    def test_java_method_names_are_not_attributes(self):
        n = AtomicInt(1)
        for name in ("compareAndSet", "getAndAdd", "getClass"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(n, name))
                with self.assertRaises(AttributeError) as raised:
                    getattr(n, name)
                self.assertEqual(str(raised.exception), f"'AtomicInt' object has no attribute '{name}'")

    def test_completion_offers_exactly_the_python_api(self):
        completer = rlcompleter.Completer({"n": AtomicInt(1)})
        offered = []
        while (match := completer.complete("n.", len(offered))) is not None:
            offered.append(match)
        self.assertEqual(sorted(match[2:].rstrip("()") for match in offered), self.API)


class Construction(unittest.TestCase):
    def test_default_is_zero(self):
        self.assertEqual(AtomicInt().get(), 0)

    def test_accepts_ints_big_ints_bools_and_atomicints(self):
        self.assertEqual([AtomicInt(v).get() for v in (5, -(2**90), True, AtomicInt(7))], [5, -(2**90), 1, 7])

    def test_refuses_other_types_with_type_error(self):
        for bad in (1.0, "5", None, b"5"):
            with self.subTest(bad=bad), self.assertRaises(TypeError):
                AtomicInt(bad)


if __name__ == "__main__":
    unittest.main()
