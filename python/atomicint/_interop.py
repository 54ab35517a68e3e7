"""Calls into Java objects from the AtomicInt backends.

A call holds the GIL across the Java side: GraalPy would otherwise release and
re-take its fair GIL around every foreign call, and under contention each
release is a thread hand-off. The Java side of every call made here is short
and never waits for another Python thread, so holding the GIL cannot deadlock.
"""

import polyglot

__all__ = ["hold_gil", "gil_held", "overflow_error", "is_long"]

#: ``previous = hold_gil(True)`` makes this thread's foreign calls keep the GIL; ``hold_gil(previous)``
#: restores the setting. A builtin: setting the flag costs nothing measurable once compiled.
hold_gil = polyglot.__set_gil_locked_during_foreign_calls__

#: ``with gil_held(True):`` the same for a block; its Python-level __enter__/__exit__ cost a
#: little more, so the host backend's per-operation paths use ``hold_gil`` directly.
gil_held = polyglot.gil_locked_during_interop


def is_long(value):
    """Whether the int ``value`` fits a Java long (a shift: GraalPy compiles it to long arithmetic,
    where comparing with the bounds ±2**63 would compare big ints; measured 60 vs 38 M/s)."""
    return -1 <= value >> 63 <= 0


def overflow_error(java_error):
    """Java's refusal of a result past ``IntOp.MAX_BIT_LENGTH`` bits as Python's OverflowError."""
    text = str(java_error)
    return OverflowError(f"{text.partition(': ')[2] or text}; the AtomicInt is unchanged")
