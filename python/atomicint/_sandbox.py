"""AtomicInt over the ProxyObject face: the backend for contexts with no host access.

Where Python may not touch Java objects at all (``HostAccess.NONE``), the Java
set-up call hands Python ``dev.atomicint.AtomicIntProxy`` objects: polyglot
proxies whose members are the Python number protocol and the atomic methods.
GraalPy gives a proxy no ``+=`` of its own, so :class:`AtomicInt` here is a
small Python object around one proxy; every update is still one atomic Java
operation on the shared value. Java passes its AtomicInts in already wrapped
(``AtomicIntPython.toPython``).
"""

from . import _bridge
from ._interop import SPLIT_ANSWER, caller, fast_methods, hold_gil
from ._protocol import IntProtocol, drop_own_frames, storable

__all__ = ["AtomicInt", "BACKEND"]

#: The backend's name, ``atomicint.BACKEND``: the AtomicInts are Python objects around Java proxies.
BACKEND = "java-sandbox"


_restart_interval = _bridge.switch_threads
_call = caller(_bridge.switch_due, _restart_interval)


class AtomicInt(IntProtocol):
    """A mutable int shared with Java: every update is one atomic Java operation.

    ``AtomicInt(value=0)`` makes a new Java AtomicInt; ``value`` is any int (big
    ints and bools included) or another AtomicInt's current value.
    """

    # The proxy, its adder and comparer (`+=` and compare_and_set, each with the switch interval's
    # answer in one call: dev.atomicint.python.SandboxCalls), its `get` and the members the other
    # fast methods call, fetched once: GraalPy reads a proxy member by asking Java for it, on every use.
    __slots__ = ("_proxy", "_add", "_compare", "_proxy_get", "_proxy_get_and_add", "_proxy_get_and_set")

    def __new__(cls, value=0):
        try:
            return cls._wrap(_bridge.new_proxy(storable(value)))
        except Exception as error:  # the traceback ends at the caller's line (see _protocol)
            drop_own_frames(error)
            raise

    @classmethod
    def _wrap(cls, proxy):
        """The AtomicInt around a Java ``AtomicIntProxy`` (used by the Java set-up call)."""
        self = object.__new__(cls)
        held = hold_gil(True)  # short Java calls: given up, the GIL would come back only after busy threads' turns
        try:
            members = (("_proxy", proxy), ("_add", _bridge.adder(proxy)), ("_compare", _bridge.comparer(proxy)),
                       ("_proxy_get", proxy.get), ("_proxy_get_and_add", proxy.get_and_add),
                       ("_proxy_get_and_set", proxy.get_and_set))
        finally:
            hold_gil(held)
        for name, value in members:
            object.__setattr__(self, name, value)  # IntProtocol.__setattr__ only sets `value`
        return self

    def _get(self):
        value = _call(self._proxy_get)
        return value if type(value) is int else int(value)

    # Reading a proxy member is a Java call too, so the read happens inside _call, with the GIL held.

    def _apply(self, op, operand):
        _call(_member_call, self._proxy, f"__i{op}__", operand)

    def _compare_and_set(self, expected, new):
        return _call(_member_call, self._proxy, "compare_and_set", expected, new)

    def _get_and_set(self, value):
        return int(_call(_member_call, self._proxy, "get_and_set", value))

    def _get_and_add(self, delta):
        return int(_call(_member_call, self._proxy, "get_and_add", delta))


def _member_call(proxy, name, *args):
    """``proxy.<name>(*args)``: the member's read and its call."""
    return getattr(proxy, name)(*args)


# `+=` and the other fast methods: the adder (which takes any int) and the comparer answer whether
# the switch interval has elapsed themselves (dev.atomicint.python.SandboxCalls).
_ASK = "\nswitch_due = _switch_due()"
for _name, _method in fast_methods({"iadd": "switch_due = self._add(other)",
                                    "get_and_add": "result = self._proxy_get_and_add(delta)" + _ASK,
                                    "get_and_set": "result = self._proxy_get_and_set(value)" + _ASK,
                                    "compare_and_set": "answer = self._compare(expected, new)" + SPLIT_ANSWER},
                                   _restart_interval, {"_switch_due": _bridge.switch_due},
                                   iadd_fits="type(other) is int").items():
    setattr(AtomicInt, _name, _method)
del _name, _method, _ASK

AtomicInt.__module__ = "atomicint"
