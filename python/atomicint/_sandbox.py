"""AtomicInt over the ProxyObject face: the backend for contexts with no host access.

Where Python may not touch Java objects at all (``HostAccess.NONE``), the Java
set-up call hands Python ``dev.atomicint.AtomicIntProxy`` objects: polyglot
proxies whose members are the Python number protocol and the atomic methods.
GraalPy gives a proxy no ``+=`` of its own, so :class:`AtomicInt` here is a
small Python object around one proxy; every update is still one atomic Java
operation on the shared value. Java passes its AtomicInts in already wrapped
(``AtomicIntPython.toPython``).
"""

import polyglot

from . import _bridge
from ._interop import gil_held, overflow_error
from ._protocol import IntProtocol, as_int

__all__ = ["AtomicInt"]


class AtomicInt(IntProtocol):
    """A mutable int shared with Java: every update is one atomic Java operation.

    ``AtomicInt(value=0)`` makes a new Java AtomicInt; ``value`` is any int (big
    ints and bools included) or another AtomicInt's current value.
    """

    __slots__ = ("_proxy",)

    def __new__(cls, value=0):
        return cls._wrap(_bridge.new_proxy(as_int(value)))

    @classmethod
    def _wrap(cls, proxy):
        """The AtomicInt around a Java ``AtomicIntProxy`` (used by the Java set-up call)."""
        self = object.__new__(cls)
        object.__setattr__(self, "_proxy", proxy)  # IntProtocol.__setattr__ only sets `value`
        return self

    def _get(self):
        with gil_held(True):
            value = self._proxy.get()
        return value if type(value) is int else int(value)

    def _apply(self, op, operand):
        try:
            with gil_held(True):
                getattr(self._proxy, f"__i{op}__")(operand)
        except polyglot.ForeignException as error:
            raise overflow_error(error) from None

    def _compare_and_set(self, expected, new):
        with gil_held(True):
            return self._proxy.compare_and_set(expected, new)

    def _get_and_set(self, value):
        with gil_held(True):
            return int(self._proxy.get_and_set(value))

    def _get_and_add(self, delta):
        with gil_held(True):
            return int(self._proxy.get_and_add(delta))


AtomicInt.__module__ = "atomicint"
