"""The long-run part of the GraalPy benchmark suite: threads looping ``n += 1`` on one AtomicInt for
a fixed time, after a warm-up of their own, as a long-running application's threads do.

``bench.py`` runs it in the launcher; ``EmbeddedLongRuns.java`` runs this same file in contexts a
Java host makes (host mode and sandboxed; one context with several threads, several contexts with
one each), so the rates compare the set-ups, not the code.
"""

import threading
import time


def _loop(n, seconds):
    """``n += 1`` for ``seconds``, in chunks of 10,000; answers how many were done."""
    done = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for _ in range(10_000):
            n += 1
        done += 10_000
    return done


def rate(n, threads, warmup, seconds):
    """``threads`` Python threads (this one when 1) each loop ``n += 1`` for ``warmup`` seconds, then
    for ``seconds``; answers (the measured increments per second of all threads together, the
    increments made in all)."""
    rates = [0.0] * threads
    made = [0] * threads

    def work(index):
        warm = _loop(n, warmup)
        began = time.perf_counter()
        measured = _loop(n, seconds)
        rates[index] = measured / (time.perf_counter() - began)
        made[index] = warm + measured

    if threads == 1:
        work(0)
    else:
        workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    return sum(rates), sum(made)
