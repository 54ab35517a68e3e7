"""The portable backend (any Python but GraalPy): every update is one critical section on the
AtomicInt's own lock, reads take no lock, and update functions run outside it.

These tests hold the object's lock themselves to show which operations wait for it. That is what
makes the backend atomic without a GIL (free-threaded CPython), where nothing else would.
"""

import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

import atomicint
from atomicint import AtomicInt

from .support import requires_portable_backend
from .test_threads import add, hammer, sub

#: Seconds an update is given to show that it waits for the held lock (it must still be waiting).
WAIT = 0.1
TIMEOUT = 20.0

#: Every update, as code run on `n`: the eleven in-place operators and the atomic methods.
UPDATES = ["n += 2", "n -= 2", "n *= 2", "n //= 2", "n %= 5", "n **= 2", "n <<= 2", "n >>= 1",
           "n &= 6", "n |= 8", "n ^= 1", "n += True", "n.set(9)", "n.value = 9", "n.compare_and_set(7, 9)",
           "n.get_and_set(9)", "n.get_and_add(2)", "n.add_and_get(2)", "n.increment_and_get()",
           "n.get_and_increment()", "n.decrement_and_get()", "n.get_and_decrement()"]

_NOT_PORTABLE = "tests the lock of the portable backend's AtomicInt"


def run_in_thread(code, n, **names):
    thread = threading.Thread(target=exec, args=(code, {"n": n, **names}), daemon=True)
    thread.start()
    return thread


@requires_portable_backend(_NOT_PORTABLE)
class EveryUpdateTakesTheObjectsLock(unittest.TestCase):
    def test_every_update_waits_for_the_lock_and_completes_once_it_is_free(self):
        for code in UPDATES:
            with self.subTest(code=code):
                n = AtomicInt(7)
                with n._lock:
                    thread = run_in_thread(code, n)
                    thread.join(WAIT)
                    self.assertTrue(thread.is_alive(), "the update did not wait for the lock")
                    self.assertEqual(n.get(), 7)
                thread.join(TIMEOUT)
                self.assertFalse(thread.is_alive())
                self.assertNotEqual(n.get(), 7, "the update did not happen")

    def test_reads_take_no_lock(self):
        n = AtomicInt(7)
        with n._lock:
            thread = run_in_thread("n.get(); n.value; int(n); n == 7; str(n); n + 1", n)
            thread.join(TIMEOUT)
            self.assertFalse(thread.is_alive(), "a read waited for the lock")

    def test_an_update_function_runs_outside_the_lock(self):
        n = AtomicInt(7)
        held = []
        n.update_and_get(lambda v: held.append(n._lock.locked()) or v + 1)
        self.assertEqual(held, [False])
        self.assertEqual(n.get(), 8)

    def test_a_failed_update_releases_the_lock_and_changes_nothing(self):
        n = AtomicInt(7)
        for code in ("n //= 0", "n <<= 10**12", "n **= 2**64"):
            with self.subTest(code=code), self.assertRaises((ZeroDivisionError, OverflowError)):
                exec(code, {"n": n})
            self.assertFalse(n._lock.locked())
            self.assertEqual(n.get(), 7)

    def test_each_atomicint_has_its_own_lock(self):
        a, b = AtomicInt(), AtomicInt()
        self.assertIsNot(a._lock, b._lock)
        with a._lock:
            b += 1  # does not wait for a's lock
        self.assertEqual(b.get(), 1)


@requires_portable_backend(_NOT_PORTABLE)
class NoUpdateIsLostWhenThreadsSwitchOften(unittest.TestCase):
    def setUp(self):
        self.addCleanup(sys.setswitchinterval, sys.getswitchinterval())
        sys.setswitchinterval(1e-6)  # a thread switch at almost every bytecode: races show at once

    def test_increments_from_many_threads_are_exact(self):
        self.assertEqual(hammer(AtomicInt(), add, threads=8, iterations=20_000), 8 * 20_000)

    def test_operators_computed_outside_the_lock_from_many_threads_are_exact(self):
        self.assertEqual(hammer(AtomicInt(), sub, threads=8, iterations=20_000), -3 * 8 * 20_000)


#: A value of about a million bits, and a modulus half its size: ``value % modulus`` takes about half a
#: second on CPython 3.11 (2-core machine), many switch intervals, while ``+=`` on the value takes microseconds.
BIG_VALUE = (1 << 1_000_000) + 12345
MODULUS = (1 << 500_000) + 1


@requires_portable_backend(_NOT_PORTABLE)
class ASlowUpdateFinishesBesideBusyThreads(unittest.TestCase):
    def test_an_update_slower_than_a_switch_interval_beside_a_thread_looping_add(self):
        # Computed outside the lock and retried there, it never finished: each attempt gave the GIL
        # to the busy thread, which changed the value. A second attempt computes under the lock.
        n = AtomicInt(BIG_VALUE)
        stop = threading.Event()

        def busy():
            nonlocal n
            while not stop.is_set():
                n += 1

        adder = threading.Thread(target=busy)
        adder.start()
        try:
            slow = run_in_thread("n %= m", n, m=MODULUS)
            slow.join(TIMEOUT)
            self.assertFalse(slow.is_alive(), f"n %= m did not finish in {TIMEOUT} s beside a thread adding")
        finally:
            stop.set()
            adder.join()
        self.assertLess(n.get(), MODULUS + 1_000_000_000)


#: Contended updates may take this many times as long as the same updates from one thread. Measured
#: on a 2-core machine: 0.8-1.6x; with a thread switch inside the lock's section, 25-41x.
CONTENDED_SLOWDOWN = 6
CONTENDING_THREADS = 8
UPDATES_EACH = 25_000  # enough for many switch intervals: a convoy takes a few to form
#: Measurements before the check fails: a loaded machine may stall one of them.
CONTENTION_ATTEMPTS = 3


def bit_or(n, i):
    n |= 1 << i


def seconds_for(update, threads, iterations):
    n = AtomicInt()
    started = time.perf_counter()
    hammer(n, update, threads=threads, iterations=iterations)
    return time.perf_counter() - started


@requires_portable_backend(_NOT_PORTABLE)
@unittest.skipUnless(getattr(sys, "_is_gil_enabled", lambda: True)(), "the threads run in parallel without a GIL")
class ThreadsDoNotQueueOnTheLock(unittest.TestCase):
    """With a GIL, a thread never holds the lock while it waits for the GIL (the sections of the
    common paths make no call), so many threads updating one AtomicInt take about as long as one
    thread doing it all."""

    def assert_no_convoy(self, update):
        ratios = []
        for _ in range(CONTENTION_ATTEMPTS):
            alone = seconds_for(update, threads=1, iterations=CONTENDING_THREADS * UPDATES_EACH)
            contended = seconds_for(update, threads=CONTENDING_THREADS, iterations=UPDATES_EACH)
            ratios.append(contended / alone)
            if ratios[-1] <= CONTENDED_SLOWDOWN:
                return
        self.fail(f"{CONTENDING_THREADS} threads took {min(ratios):.1f}x or more the time of one "
                  f"thread doing the same updates (limit {CONTENDED_SLOWDOWN}x; ratios {ratios})")

    def test_add(self):
        self.assert_no_convoy(add)

    def test_get_and_add(self):
        self.assert_no_convoy(lambda n, i: n.get_and_add(1))

    def test_an_operator_computed_outside_the_lock(self):
        self.assert_no_convoy(sub)

    def test_or(self):
        self.assert_no_convoy(bit_or)


@requires_portable_backend("checks the backend that every Python but GraalPy gets")
class TheBackendIsChosenByTheInterpreter(unittest.TestCase):
    def test_the_portable_backend_serves_this_python(self):
        self.assertEqual(AtomicInt.__new__.__module__, "atomicint._portable")

    def test_backend_names_the_portable_backend(self):
        self.assertEqual(atomicint.BACKEND, "portable")

    def test_an_unrelated_polyglot_module_does_not_switch_to_the_java_backends(self):
        package_parent = Path(__file__).resolve().parent.parent
        with tempfile.TemporaryDirectory() as other:
            Path(other, "polyglot.py").write_text("# some other package's polyglot module\n")
            env = dict(os.environ, PYTHONPATH=os.pathsep.join([other, str(package_parent)]))
            done = subprocess.run([sys.executable, "-c", "import polyglot, atomicint; n = atomicint.AtomicInt(); "
                                   "n += 1; print(type(n).__new__.__module__, int(n))"],
                                  capture_output=True, text=True, env=env, cwd=other, timeout=TIMEOUT)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.split(), ["atomicint._portable", "1"])


if __name__ == "__main__":
    unittest.main()
