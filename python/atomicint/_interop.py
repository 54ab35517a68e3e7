"""Calls into Java objects from the AtomicInt backends.

A call holds the GIL across the Java side: GraalPy would otherwise release and
re-take its fair GIL around every foreign call, and under contention each
release is a thread hand-off. The Java side of every call made here is short
and never waits for another Python thread, so holding the GIL cannot deadlock.

Holding it must not starve the other threads, though. GraalPy asks the GIL's
owner to let go every 50 ms, but acts on it only while the owner runs Python
code, and a thread looping ``n += 1`` is mostly in Java: measured, a sleeping
sibling thread then woke 1-4 times a second instead of 20, and the launching
thread waited up to 3 s. So after each call a backend asks Java whether its
switch interval (50 ms, as GraalPy's own) has elapsed (update calls answer it
themselves) and, if so, gives the GIL up in :func:`switch_threads`.
"""

import polyglot

__all__ = ["hold_gil", "switch_threads", "caller", "overflow_error", "python_error", "is_long"]

#: ``previous = hold_gil(True)`` makes this thread's foreign calls keep the GIL; ``hold_gil(previous)``
#: restores the setting. A builtin: setting the flag costs nothing measurable once compiled.
hold_gil = polyglot.__set_gil_locked_during_foreign_calls__

def switch_threads(restart_interval):
    """Let another thread take the GIL: calls the Java function ``restart_interval`` (which starts
    the next switch interval) without the GIL, so GraalPy releases it around the call and this
    thread queues behind any waiting one (the GIL is fair)."""
    held = hold_gil(False)
    try:
        restart_interval()
    finally:
        hold_gil(held)


def caller(switch_due, restart_interval):
    """The function through which a backend calls Java: ``call(function, *args)`` runs
    ``function(*args)`` with the GIL held, then asks ``switch_due()`` and, once the switch interval
    has elapsed, gives the GIL up (:func:`switch_threads` with ``restart_interval``). A Java
    ArithmeticException (a value past the cap) raises as :func:`python_error` makes it."""

    def call(function, *args):
        held = hold_gil(True)
        try:
            result = function(*args)
            due = switch_due()
        except polyglot.ForeignException as error:
            raise python_error(error) from None
        finally:
            hold_gil(held)
        if due:
            switch_threads(restart_interval)
        return result

    return call


def is_long(value):
    """Whether the int ``value`` fits a Java long (a shift: GraalPy compiles it to long arithmetic,
    where comparing with the bounds ±2**63 would compare big ints; measured 60 vs 38 M/s)."""
    return -1 <= value >> 63 <= 0


def python_error(java_error):
    """A Java exception from an AtomicInt call as Python's: an ArithmeticException (a value past
    ``IntOp.MAX_BIT_LENGTH``: Python has checked every operand) as OverflowError, others as they are."""
    return overflow_error(java_error) if "ArithmeticException" in str(java_error) else java_error


def overflow_error(java_error):
    """Java's refusal of a result past ``IntOp.MAX_BIT_LENGTH`` bits as Python's OverflowError."""
    text = str(java_error)
    return OverflowError(f"{text.partition(': ')[2] or text}; the AtomicInt is unchanged")
