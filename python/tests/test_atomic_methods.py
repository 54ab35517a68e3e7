"""The atomic API: get/set, compare-and-set, fetch-and-add, update functions."""

import unittest

from atomicint import AtomicInt


class GetAndSet(unittest.TestCase):
    def test_set_then_get(self):
        n = AtomicInt()
        n.set(2**90)
        self.assertEqual(n.get(), 2**90)

    def test_value_property_reads_and_writes(self):
        n = AtomicInt(1)
        n.value = 12
        self.assertEqual(n.value, 12)

    def test_get_returns_a_plain_int(self):
        self.assertIs(type(AtomicInt(2**70).get()), int)

    def test_set_refuses_non_ints_and_keeps_the_value(self):
        n = AtomicInt(3)
        with self.assertRaises(TypeError):
            n.set(3.0)
        self.assertEqual(n.get(), 3)

    def test_get_and_set_returns_the_previous_value(self):
        n = AtomicInt(4)
        self.assertEqual(n.get_and_set(2**80), 4)
        self.assertEqual(n.get(), 2**80)

    def test_get_and_set_is_exact_across_the_64_bit_boundary(self):
        # A long set over a value past 64 bits returns that value whole; bools and AtomicInts set ints.
        for start in (2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**200):
            for new in (7, -(2**63), 2**63 - 1, 2**63, True, AtomicInt(3)):
                with self.subTest(start=start, new=new):
                    n = AtomicInt(start)
                    previous = n.get_and_set(new)
                    self.assertEqual((previous, type(previous)), (start, int))
                    self.assertEqual((n.get(), type(n.get())), (int(new), int))

    def test_get_and_set_refuses_non_ints_and_keeps_the_value(self):
        n = AtomicInt(2**64)
        for bad in (1.0, "1", None):
            with self.subTest(bad=bad), self.assertRaises(TypeError):
                n.get_and_set(bad)
        self.assertEqual(n.get(), 2**64)


class CompareAndSet(unittest.TestCase):
    def test_succeeds_when_the_value_matches(self):
        n = AtomicInt(5)
        self.assertTrue(n.compare_and_set(5, 2**70))
        self.assertEqual(n.get(), 2**70)

    def test_fails_and_changes_nothing_when_the_value_differs(self):
        n = AtomicInt(5)
        self.assertFalse(n.compare_and_set(6, 7))
        self.assertEqual(n.get(), 5)

    def test_answers_a_plain_bool_for_long_and_big_values(self):
        for start, expected, new in ((5, 5, 6), (5, 4, 6), (2**63, 2**63, 1), (1, 1, 2**63), (-(2**63), -(2**63), 0)):
            with self.subTest(start=start, expected=expected, new=new):
                n = AtomicInt(start)
                done = n.compare_and_set(expected, new)
                self.assertIs(done, expected == start)
                self.assertEqual(n.get(), new if done else start)

    def test_compares_big_values_by_value(self):
        n = AtomicInt(2**70)
        self.assertTrue(n.compare_and_set(2**70, -1))
        self.assertEqual(n.get(), -1)


class AddAndIncrement(unittest.TestCase):
    def test_get_and_add_and_add_and_get(self):
        n = AtomicInt(10)
        self.assertEqual(n.get_and_add(5), 10)
        self.assertEqual(n.add_and_get(2**64), 15 + 2**64)

    def test_increment_and_decrement_default_to_one(self):
        n = AtomicInt(0)
        self.assertEqual((n.increment_and_get(), n.get_and_increment(), n.decrement_and_get(), n.get_and_decrement()),
                         (1, 1, 1, 1))
        self.assertEqual(n.get(), 0)

    def test_increment_by_an_amount(self):
        n = AtomicInt(0)
        self.assertEqual(n.increment_and_get(5), 5)
        self.assertEqual(n.decrement_and_get(7), -2)

    def test_every_adding_method_is_exact_across_the_64_bit_boundary(self):
        # A long delta on a value that leaves 64 bits, and deltas that are not longs themselves
        # (-(-2**63) is 2**63), bools and AtomicInts: each returns what int arithmetic gives.
        cases = [("get_and_add", 1, 0), ("add_and_get", 1, 1), ("get_and_increment", 1, 0),
                 ("increment_and_get", 1, 1), ("get_and_decrement", -1, 0), ("decrement_and_get", -1, 1)]
        for start in (2**63 - 1, -(2**63), 2**64):
            for operand in (1, True, AtomicInt(3), 2**63 - 1, -(2**63)):
                for name, sign, returns_new in cases:
                    with self.subTest(name=name, start=start, operand=operand):
                        n = AtomicInt(start)
                        expected = start + sign * int(operand)
                        self.assertEqual(getattr(n, name)(operand), expected if returns_new else start)
                        self.assertEqual(n.get(), expected)

    def test_non_int_delta_raises_type_error(self):
        n = AtomicInt(1)
        with self.assertRaises(TypeError):
            n.get_and_add(0.5)
        self.assertEqual(n.get(), 1)


class UpdateFunctions(unittest.TestCase):
    def test_update_and_get_returns_the_new_value(self):
        n = AtomicInt(3)
        self.assertEqual(n.update_and_get(lambda v: v * v), 9)

    def test_get_and_update_returns_the_previous_value(self):
        n = AtomicInt(3)
        self.assertEqual(n.get_and_update(lambda v: v + 2**70), 3)
        self.assertEqual(n.get(), 3 + 2**70)

    def test_non_int_result_raises_type_error_and_changes_nothing(self):
        n = AtomicInt(3)
        with self.assertRaises(TypeError):
            n.update_and_get(lambda v: v / 2)
        self.assertEqual(n.get(), 3)

    def test_exception_in_the_function_propagates_as_itself_and_changes_nothing(self):
        class Boom(Exception):
            pass

        def explode(v):
            raise Boom(v)

        n = AtomicInt(3)
        with self.assertRaises(Boom):
            n.update_and_get(explode)
        self.assertEqual(n.get(), 3)

    def test_function_may_touch_the_same_atomicint_without_deadlock(self):
        n = AtomicInt(1)

        def reentrant(v):
            n.get()  # reads the same object from inside its own update
            return v + 1

        self.assertEqual(n.update_and_get(reentrant), 2)

    def test_function_that_changes_the_value_is_retried_on_the_fresh_value(self):
        n = AtomicInt(1)
        calls = []

        def interfering(v):
            calls.append(v)
            if len(calls) == 1:
                n.set(100)  # a concurrent writer, simulated: the CAS must fail and retry
            return v + 1

        self.assertEqual(n.update_and_get(interfering), 101)
        self.assertEqual(calls, [1, 100])


if __name__ == "__main__":
    unittest.main()
