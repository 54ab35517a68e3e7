"""A thread looping on AtomicInt operations still lets the other threads run.

The package keeps the GIL across its Java calls (for speed), so it must give the
GIL up once per switch interval (50 ms) itself: GraalPy's own release request is
dropped while a thread is in Java. Without that, a sleeping thread here woke 1-4
times a second in a sandboxed context, instead of about 20.
"""

import threading
import time
import unittest

from atomicint import AtomicInt

from .support import requires_java

BUSY_THREADS = 2
SECONDS = 3.0
#: At least 5 wake-ups a second: about a quarter of what the switch interval allows
#: with two busy threads, and well above the 1-4 of a GIL that is never given up.
MIN_WAKES = 15
#: Windows measured before the check fails (see assert_sleeper_kept_waking).
ATTEMPTS = 3


def wakes_beside(busy_loop):
    """How often a thread sleeping 1 ms at a time woke in SECONDS while BUSY_THREADS ran
    ``busy_loop(n, running)`` on one AtomicInt until ``running()`` turned false."""
    n = AtomicInt()
    stop = threading.Event()
    running = lambda: not stop.is_set()  # noqa: E731 - a tiny predicate
    busy = [threading.Thread(target=busy_loop, args=(n, running)) for _ in range(BUSY_THREADS)]
    for thread in busy:
        thread.start()
    wakes = 0
    try:
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.001)
            wakes += 1
    finally:
        stop.set()
        for thread in busy:
            thread.join()
    return wakes


def increment_loop(n, running):
    while running():
        for _ in range(10_000):
            n += 1


def add_and_get_loop(n, running):
    while running():
        for _ in range(1_000):
            n.add_and_get(1)


def read_loop(n, running):
    while running():
        for _ in range(1_000):
            n > 0


@requires_java("the Java backends hold GraalPy's GIL across their Java calls and must give it up once per "
               "switch interval themselves; the portable backend makes no such call (CPython switches threads itself)")
class GilSharingTest(unittest.TestCase):

    def assert_sleeper_kept_waking(self, busy_loop):
        # Up to ATTEMPTS windows: a GC pause or a burst of JIT compilation on a shared 2-core
        # machine can starve one window (measured once: 11 wakes, where 40-58 are usual), while a
        # GIL that is never given up starves every window.
        counts = []
        for _ in range(ATTEMPTS):
            counts.append(wakes_beside(busy_loop))
            if counts[-1] >= MIN_WAKES:
                return
        self.fail(f"a sleeping thread woke {counts} times in {SECONDS} s windows beside "
                  f"{BUSY_THREADS} threads running {busy_loop.__name__}; at least {MIN_WAKES} expected")

    def test_threads_looping_increments_let_a_sleeping_thread_run(self):
        self.assert_sleeper_kept_waking(increment_loop)

    def test_threads_looping_atomic_methods_let_a_sleeping_thread_run(self):
        self.assert_sleeper_kept_waking(add_and_get_loop)

    def test_threads_looping_comparisons_let_a_sleeping_thread_run(self):
        self.assert_sleeper_kept_waking(read_loop)


if __name__ == "__main__":
    unittest.main()
