"""The Python side of dev.atomicint.reliability.LeakTest."""

import threading
import time

from atomicint import AtomicInt


def churn(first, count):
    """Makes AtomicInts first .. first + count - 1, takes each past 2**64 (so it holds a
    BigInteger) and drops it; returns the last one's value, so the work cannot be skipped."""
    a = None
    for i in range(first, first + count):
        a = AtomicInt(i)
        a += 1 << 64
    return a.get()


def keep(count):
    """The control: AtomicInts past 2**64, like churn's, that stay referenced."""
    kept = []
    for i in range(count):
        a = AtomicInt(i)
        a += 1 << 64
        kept.append(a)
    return kept


def touch(n):
    """Updates a Java-made AtomicInt and keeps nothing of it."""
    n += 1


def start_threads(n, started, stop, busy, sleeping, waiting):
    """Starts ``busy`` threads updating ``n`` until ``stop`` is set, ``sleeping`` threads in a long
    time.sleep and ``waiting`` threads blocked on an Event nobody sets; each counts itself in
    ``started``. Returns at once: the threads keep running."""
    never = threading.Event()

    def update():
        started.increment_and_get()
        x = n
        while stop.get() == 0:
            x += 1
            time.sleep(0.001)

    def sleep():
        started.increment_and_get()
        time.sleep(3600)

    def wait():
        started.increment_and_get()
        never.wait()

    for target, count in ((update, busy), (sleep, sleeping), (wait, waiting)):
        for _ in range(count):
            threading.Thread(target=target).start()


def run_threads(n, threads, updates):
    """Runs ``threads`` threads that each add 1 to ``n`` ``updates`` times; returns once all ended."""
    def work():
        x = n
        for _ in range(updates):
            x += 1

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


(churn, keep, touch, start_threads, run_threads)
