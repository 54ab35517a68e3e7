"""The Python side of dev.atomicint.reliability.ContextFaultTest.

Every adder owns a slot of the shared AtomicInt: it only ever adds ``1 << (SLOT_BITS * slot)``,
so the value is the sum of every slot's count times its weight, and the counts can be read back
from the value alone. After each completed add it increments its own ledger, an AtomicInt the
Java side reads (even once the context is gone). An adder stops only when ``stop`` is set, right
after a ledger increment: so for an adder that stops by itself, count == ledger; for one whose
context is cancelled, count is ledger or ledger + 1 (the add in flight may have happened or not).
"""

import threading
import time

SLOT_BITS = 32


def add_until(n, slot, done, stop, how, started=None, pause=None):
    """Adds this slot's weight to ``n`` by the update form ``how`` (0..3), then counts it in
    ``done``, until ``stop`` is set; sleeps ``pause`` seconds between updates if asked (0 only
    lets the other threads of the context have the GIL). ``started()``, if given, runs first."""
    weight = 1 << (SLOT_BITS * slot)
    x = n
    if started is not None:
        started()
    while stop.get() == 0:
        if pause is not None:
            time.sleep(pause)
        if how == 0:
            x += weight
        elif how == 1:
            n.add_and_get(weight)
        elif how == 2:
            n.update_and_get(lambda v: v + weight)
        else:
            while True:
                v = n.get()
                if n.compare_and_set(v, v + weight):
                    break
        done += 1
    return "stopped"


def run_adders(n, dones, first_slot, stop, started, pause=None):
    """One Python thread per ledger in ``dones`` (a list), adding to slots from ``first_slot`` with
    the four update forms in turn; returns when all have stopped. Each thread counts itself in
    ``started`` (an AtomicInt), and none adds before all have started. After that GraalPy's GIL
    may let one thread run far ahead of the others, or alone, while the cores are busy."""
    barrier = threading.Barrier(len(dones))

    def all_started():
        started.increment_and_get()
        barrier.wait()

    threads = [threading.Thread(target=add_until, args=(n, first_slot + i, done, stop, i % 4, all_started, pause),
                                name=f"adder-{first_slot + i}")
               for i, done in enumerate(dones)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return "joined"


def attempt(n, statement):
    """Runs ``statement`` with ``n`` bound to the shared AtomicInt; returns the outcome
    ("<ExceptionType>: <message>" or "no error"), the seconds it took and whether ``n`` still is
    the same object."""
    namespace = {"n": n}
    began = time.monotonic()
    try:
        exec(statement, namespace)
        outcome = "no error"
    except BaseException as error:  # report whatever it is; the test names the expected one
        outcome = f"{type(error).__name__}: {error}"
    return outcome, time.monotonic() - began, namespace["n"] is n


(add_until, run_adders, attempt)
