"""Calls into Java objects from the AtomicInt backends.

A call holds the GIL across the Java side: GraalPy would otherwise release and
re-take its fair GIL around every foreign call, and under contention each
release is a thread hand-off. The Java side of every call made here is short
and never waits for another Python thread, so holding the GIL cannot deadlock.
"""

import polyglot

__all__ = ["call_held", "hold_gil", "overflow_error", "LONG_MIN", "LONG_MAX"]

#: ``hold_gil(flag)`` sets for this thread whether foreign calls keep the GIL; returns the previous flag.
hold_gil = polyglot.__set_gil_locked_during_foreign_calls__
_invoke = polyglot.__invoke__

LONG_MIN = -(1 << 63)
LONG_MAX = (1 << 63) - 1


def call_held(java_object, member, *args):
    """Invoke ``java_object.member(*args)`` with the GIL held across the call."""
    held = hold_gil(True)
    try:
        return _invoke(java_object, member, *args)
    finally:
        hold_gil(held)


def overflow_error(java_error):
    """Java's refusal of a result past ``IntOp.MAX_BIT_LENGTH`` bits as Python's OverflowError."""
    text = str(java_error)
    return OverflowError(f"{text.partition(': ')[2] or text}; the AtomicInt is unchanged")
