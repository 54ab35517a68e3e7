"""The Python side of dev.atomicint.reliability.LeakTest."""

import threading
import time

from atomicint import AtomicInt


def churn(first, count):
    """Makes AtomicInts first .. first + count - 1, takes each past 2**64 and back, drops it;
    returns the sum of their final values (each value + 1), so the work cannot be skipped."""
    total = 0
    for i in range(first, first + count):
        a = AtomicInt(i)
        a += 1 << 64
        a -= (1 << 64) - 1
        total += a.get()
    return total


def keep(count):
    """The control: AtomicInts that stay referenced."""
    return [AtomicInt(i) for i in range(count)]


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
