"""Hostile update functions: update_and_get(fn) and get_and_update(fn).

Both are a compare-and-set loop in Python (``_protocol._update``), like Java's
``AtomicLong.updateAndGet``: read the value, call ``fn`` on it in the calling thread, outside
any Java call and holding no lock, then compare-and-set; if the value changed meanwhile, call
``fn`` again on the fresh value. Hence:

* an exception in ``fn`` propagates as itself and nothing is stored;
* a result that is not an int raises TypeError and nothing is stored;
* ``fn`` may read or update the same AtomicInt: no deadlock. An update from inside ``fn`` makes
  the compare-and-set fail once, and ``fn`` runs again on the updated value, so the final value
  is ``fn`` applied after that update: nothing is lost. (A ``fn`` that changes the value on
  every call never completes, as with AtomicLong: each of its own changes defeats its CAS.)
* ``fn`` may block, say on another thread that updates the same AtomicInt: that thread is not
  blocked, its update is not lost, and ``fn`` is re-run on the value it left.

Every wait has a timeout and every update that could deadlock runs in a worker thread joined
with a timeout, so a deadlock fails the test instead of hanging the suite.
"""

import threading
import unittest
from decimal import Decimal
from fractions import Fraction

from atomicint import AtomicInt

TIMEOUT = 20.0  # seconds; a deadlock fails after this


class Boom(Exception):
    pass


class Stop(BaseException):
    """Not an Exception: such as KeyboardInterrupt or SystemExit."""


def in_thread(test, target, timeout=TIMEOUT):
    """Run target() in a daemon thread; fail the test if it is still running after `timeout`.
    Returns what target returned; re-raises what it raised."""
    outcome = {}

    def run():
        try:
            outcome["result"] = target()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        test.fail(f"deadlock: still running after {timeout} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


UPDATES = ("update_and_get", "get_and_update")


class ExceptionsInTheFunction(unittest.TestCase):
    def test_an_exception_propagates_as_itself_and_changes_nothing(self):
        for name in UPDATES:
            for start in (3, 2**63, -(2**200)):
                with self.subTest(name=name, start=start):
                    boom = Boom("in the function")

                    def explode(v):
                        raise boom

                    n = AtomicInt(start)
                    with self.assertRaises(Boom) as caught:
                        getattr(n, name)(explode)
                    self.assertIs(caught.exception, boom)
                    self.assertEqual(n.get(), start)

    def test_a_base_exception_propagates_as_itself_and_changes_nothing(self):
        stop = Stop()

        def interrupt(v):
            raise stop

        for name in UPDATES:
            n = AtomicInt(9)
            with self.assertRaises(Stop) as caught:
                getattr(n, name)(interrupt)
            self.assertIs(caught.exception, stop)
            self.assertEqual(n.get(), 9)

    def test_ints_own_errors_propagate_as_themselves(self):
        n = AtomicInt(0)
        for fn, error in ((lambda v: 1 // v, ZeroDivisionError), (lambda v: v << -1, ValueError),
                          (lambda v: int("x"), ValueError)):
            with self.subTest(error=error.__name__):
                with self.assertRaises(error):
                    n.update_and_get(fn)
                self.assertEqual(n.get(), 0)

    def test_an_exception_on_the_retry_propagates_and_keeps_only_the_functions_own_update(self):
        n = AtomicInt(1)
        boom = Boom("second call")
        calls = []

        def fn(v):
            calls.append(v)
            if len(calls) == 1:
                n.set(50)  # a conflicting update: the CAS fails, fn runs again
                return v + 1
            raise boom

        with self.assertRaises(Boom) as caught:
            n.update_and_get(fn)
        self.assertIs(caught.exception, boom)
        self.assertEqual(calls, [1, 50])
        self.assertEqual(n.get(), 50)  # fn's result (2) was never stored


class ResultsThatAreNotInts(unittest.TestCase):
    def test_a_non_int_result_raises_type_error_and_changes_nothing(self):
        class Indexable:
            def __index__(self):
                return 5

        for result in (1.0, 2.5, 1j, "1", None, b"1", [1], Decimal(1), Fraction(1), Indexable(), AtomicInt(5)):
            for name in UPDATES:
                with self.subTest(result=type(result).__name__, name=name):
                    n = AtomicInt(7)
                    with self.assertRaises(TypeError):
                        getattr(n, name)(lambda v, r=result: r)
                    self.assertEqual(n.get(), 7)

    def test_bools_and_int_subclasses_count_at_their_int_value(self):
        class Sub(int):
            def __index__(self):
                return -1  # a lie: the int value is what counts

        n = AtomicInt(7)
        result = n.update_and_get(lambda v: True)
        self.assertEqual((result, type(result), n.get()), (1, int, 1))
        result = n.update_and_get(lambda v: Sub(v + 41))
        self.assertEqual((result, type(result), n.get()), (42, int, 42))

    def test_a_function_that_is_not_callable_raises_type_error(self):
        n = AtomicInt(7)
        for fn in (None, 5, "lambda v: v"):
            with self.subTest(fn=fn), self.assertRaises(TypeError):
                n.update_and_get(fn)
        self.assertEqual(n.get(), 7)


class FunctionsTouchingTheSameAtomicInt(unittest.TestCase):
    def test_reading_the_same_atomicint_does_not_deadlock(self):
        n = AtomicInt(20)
        for name in UPDATES:
            result = in_thread(self, lambda name=name: getattr(n, name)(lambda v: v + n.get() + int(n) + n.value))
            self.assertEqual(result, 80 if name == "update_and_get" else 20)
            n.set(20)

    def test_updating_the_same_atomicint_once_retries_on_the_updated_value(self):
        for name, updater in [("update_and_get", lambda n: n.set(100)), ("get_and_update", lambda n: n.__iadd__(99)),
                              ("update_and_get", lambda n: n.compare_and_set(1, 100)),
                              ("get_and_update", lambda n: n.update_and_get(lambda v: v + 99))]:
            with self.subTest(name=name):
                n = AtomicInt(1)
                calls = []

                def fn(v, n=n, updater=updater, calls=calls):
                    calls.append(v)
                    if len(calls) == 1:
                        updater(n)  # the CAS of this update then fails: fn runs again on 100
                    return v * 2

                result = in_thread(self, lambda n=n, name=name, fn=fn: getattr(n, name)(fn))
                self.assertEqual(calls, [1, 100])
                self.assertEqual(result, 200 if name == "update_and_get" else 100)
                self.assertEqual(n.get(), 200)

    def test_a_function_updating_the_value_k_times_runs_k_plus_one_times(self):
        n = AtomicInt(0)
        calls = []

        def fn(v):
            calls.append(v)
            if len(calls) <= 5:
                n.increment_and_get()
            return v + 1000

        self.assertEqual(in_thread(self, lambda: n.update_and_get(fn)), 1005)
        self.assertEqual(calls, [0, 1, 2, 3, 4, 5])


class BlockingFunctions(unittest.TestCase):
    def test_a_function_waiting_for_another_threads_increment_does_not_lose_it(self):
        for name in UPDATES:
            with self.subTest(name=name):
                n = AtomicInt(10)
                entered, incremented = threading.Event(), threading.Event()
                calls = []

                def fn(v):
                    calls.append(v)
                    entered.set()
                    if not incremented.wait(TIMEOUT):
                        raise AssertionError("the other thread's increment never came: it is blocked")
                    return v * 2

                def other_thread():
                    if not entered.wait(TIMEOUT):
                        raise AssertionError("the update function never ran")
                    n.__iadd__(1)  # while fn blocks inside the update of the same AtomicInt
                    incremented.set()

                helper = threading.Thread(target=other_thread, daemon=True)
                helper.start()
                result = in_thread(self, lambda: getattr(n, name)(fn))
                helper.join(TIMEOUT)
                self.assertFalse(helper.is_alive(), "the incrementing thread is blocked")
                self.assertEqual(calls, [10, 11])  # re-run on the value the other thread left
                self.assertEqual(n.get(), 22)      # its increment is kept: (10 + 1) * 2
                self.assertEqual(result, 22 if name == "update_and_get" else 11)

    def test_a_blocked_function_does_not_block_other_updaters(self):
        n = AtomicInt(0)
        release = threading.Event()
        entered = threading.Event()
        first_call = []

        def slow(v):
            if not first_call:
                first_call.append(v)
                entered.set()
                release.wait(TIMEOUT)
            return v + 1000

        updater = threading.Thread(target=lambda: n.update_and_get(slow), daemon=True)
        updater.start()
        self.assertTrue(entered.wait(TIMEOUT))

        def hammer():
            for _ in range(200):
                n.__iadd__(1)
                n.get_and_add(1)
                n.update_and_get(lambda v: v + 1)

        workers = [threading.Thread(target=hammer, daemon=True) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            # 1,800 updates each: on a ZooKeeper store under load (quorum writes, compare-and-set
            # retries) that measured more than TIMEOUT; a blocked updater never finishes at all.
            worker.join(6 * TIMEOUT)
            self.assertFalse(worker.is_alive(), "an updater is blocked by the blocked update function")
        release.set()
        updater.join(TIMEOUT)
        self.assertFalse(updater.is_alive())
        self.assertEqual(n.get(), 3 * 200 * 3 + 1000)  # nothing lost, the slow update applied once, last


if __name__ == "__main__":
    unittest.main()
