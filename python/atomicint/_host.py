"""AtomicInt as the Java object itself: the backend for contexts with host access.

``polyglot.register_interop_type`` makes every ``dev.atomicint.AtomicInt`` host
object an instance of :class:`AtomicInt` below, so a Java-made AtomicInt (a
binding, an argument, a return value) has the whole ``int`` protocol with no
wrapping, and ``n += 1`` calls one Java method on the shared object.

Every Java call here is short and never waits for another Python thread, so it
runs with the GIL held (``polyglot.__set_gil_locked_during_foreign_calls__``):
releasing and re-taking GraalPy's fair GIL around each call would turn every
``+=`` under contention into a thread hand-off (measured: ~100x slower).
"""

import polyglot

from ._interop import LONG_MAX, LONG_MIN, call_held, hold_gil, overflow_error
from ._protocol import INPLACE_OPS, IntProtocol, as_int

__all__ = ["AtomicInt"]


def _java_types():
    """The Java class and the IntOp constants: handed over by the Java set-up call
    (``AtomicIntPython``), or looked up where host class lookup is allowed."""
    try:
        from ._bridge import java_class, ops  # ops: a proxy whose members are the IntOps by Python name
        return java_class, {op: getattr(ops, op) for op in INPLACE_OPS}
    except ImportError:
        import java
        int_op = java.type("dev.atomicint.IntOp")
        return java.type("dev.atomicint.AtomicInt"), {op: getattr(int_op, op.upper()) for op in INPLACE_OPS}


_JavaAtomicInt, _OPS = _java_types()


class AtomicInt(IntProtocol):
    """A mutable int shared with Java: every update is one atomic Java operation.

    ``AtomicInt(value=0)`` makes a new ``dev.atomicint.AtomicInt``; ``value`` is any
    int (big ints and bools included) or another AtomicInt's current value.
    """

    __slots__ = ()

    def __new__(cls, value=0):
        return _JavaAtomicInt(as_int(value))

    def __init__(self, value=0):
        pass  # __new__ made the Java object; nothing is left to initialise

    def __iadd__(self, other):
        """``self += other``, atomically; returns this same AtomicInt."""
        if type(other) is int and LONG_MIN <= other <= LONG_MAX:
            held = hold_gil(True)
            try:
                self.add(other)
            finally:
                hold_gil(held)
            return self
        return self._inplace("add", other)

    def _get(self):
        value = call_held(self, "getNumber")
        return value if type(value) is int else int(value)

    def _apply(self, op, operand):
        try:
            call_held(self, "apply" if LONG_MIN <= operand <= LONG_MAX else "applyBig", _OPS[op], operand)
        except polyglot.ForeignException as error:
            raise overflow_error(error) from None

    def _compare_and_set(self, expected, new):
        return call_held(self, "compareAndSet", expected, new)

    def _get_and_set(self, value):
        return int(call_held(self, "getAndSet", value))

    def _get_and_add(self, delta):
        return int(call_held(self, "getAndAdd", delta))


AtomicInt.__module__ = "atomicint"
polyglot.register_interop_type(_JavaAtomicInt, AtomicInt)
