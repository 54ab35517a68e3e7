"""AtomicInt as the Java object itself: the backend for contexts with host access.

``polyglot.register_interop_type`` makes every ``dev.atomicint.AtomicInt`` host
object an instance of :class:`AtomicInt` below, so a Java-made AtomicInt (a
binding, an argument, a return value) has the whole ``int`` protocol with no
wrapping, and ``n += 1`` calls one Java method on the shared object.

GraalPy makes the type of those objects itself: a generated subclass of :class:`AtomicInt` and
``polyglot.ForeignObject`` named ``Java_dev.atomicint.AtomicInt_generated``, which its own error
messages name (``unhashable type: ...``). It is renamed ``atomicint.AtomicInt`` below, a missing
attribute is reported as for a Python object, and ``dir()`` lists the Python API only (not the Java
methods), so the messages and the REPL's completion read as on the other backends.

Every Java call here is short and never waits for another Python thread, so it
runs with the GIL held (``polyglot.__set_gil_locked_during_foreign_calls__``):
releasing and re-taking GraalPy's fair GIL around each call would turn every
``+=`` under contention into a thread hand-off (measured: ~100x slower). Once per
switch interval a call gives the GIL up instead (see ``_interop``).
"""

import polyglot

from ._classpath import java_type
from ._interop import SPLIT_ANSWER, caller, fast_methods, is_long
from ._protocol import INPLACE_OPS, IntProtocol, drop_own_frames, storable

__all__ = ["AtomicInt", "BACKEND"]

#: The backend's name, ``atomicint.BACKEND``: the AtomicInts are Java objects this context holds.
BACKEND = "java-host"


def _java_types():
    """The Java class, this context's HostCalls and the IntOp constants: handed over by the Java
    set-up call (``AtomicIntPython``), or looked up (and a HostCalls made) where host class lookup
    is allowed, from the class path or the jar the wheel carries (``_classpath``)."""
    try:
        from ._bridge import host_calls, java_class, ops  # ops: a proxy with the IntOps by Python name
        return java_class, host_calls, {op: getattr(ops, op) for op in INPLACE_OPS}
    except ImportError:
        pass
    try:
        int_op = java_type("dev.atomicint.IntOp")
        return (java_type("dev.atomicint.AtomicInt"), java_type("dev.atomicint.python.HostCalls")(),
                {op: getattr(int_op, op.upper()) for op in INPLACE_OPS})
    except (ImportError, KeyError, NotImplementedError, polyglot.ForeignException) as missing:
        # KeyError: "host symbol ... is not defined or access has been denied"; NotImplementedError:
        # "host lookup is not allowed"; ForeignException: host class loading is not allowed
        raise ImportError(_MISSING_JAVA, name="atomicint") from missing


_MISSING_JAVA = (
    "atomicint on GraalPy's JVM needs its Java classes (dev.atomicint.*, in the atomicint jar), and this "
    "context cannot reach them: it allows no host class lookup, or no host class loading to add the jar "
    "the wheel carries to the class path. Run Python with GraalPy's own launcher (pip install the "
    "atomicint wheel into its venv) or bin/atomicint-python; embedding GraalPy in Java, set the context "
    "up with dev.atomicint.python.AtomicIntPython: newContext(builder) / newSandboxedContext(builder), or "
    "install(context) on a context built with AtomicIntPython.configure(builder).")


_JavaAtomicInt, _calls, _OPS = _java_types()

# The Java functions, fetched once: calling a fetched method is ~5x faster in GraalPy than looking
# up an AtomicInt method per call (see dev.atomicint.python.HostCalls, which holds this context's
# switch interval).
_add = _calls.add
_apply = _calls.apply
_apply_big = _calls.applyBig
_get = _calls.get
_compare_and_set = _calls.compareAndSet
_compare_and_set_big = _calls.compareAndSetBig
_compare_and_set_then_switch_due = _calls.compareAndSetThenSwitchDue
_get_and_set = _calls.getAndSet
_get_and_set_long = _calls.getAndSetLong
_get_and_add = _calls.getAndAdd
_get_and_add_big = _calls.getAndAddBig
_restart_interval = _calls.switchThreads
_switch_due = _calls.switchDue
_call = caller(_switch_due, _restart_interval)
del _calls


class AtomicInt(IntProtocol):
    """A mutable int shared with Java: every update is one atomic Java operation.

    ``AtomicInt(value=0)`` makes a new ``dev.atomicint.AtomicInt``; ``value`` is any
    int (big ints and bools included) or another AtomicInt's current value.
    """

    __slots__ = ()

    def __new__(cls, value=0):
        try:
            return _JavaAtomicInt(storable(value))
        except Exception as error:  # the traceback ends at the caller's line (see _protocol)
            drop_own_frames(error)
            raise

    def __init__(self, value=0):
        pass  # __new__ made the Java object; nothing is left to initialise

    # Attribute lookup is Python's own, as for any Python object: GraalPy's foreign-object lookup
    # would also find the Java methods (n.compareAndSet), name GraalPy's generated type in its error
    # and, being a shared builtin behind every lookup, run method calls several times slower
    # (measured with method_loops.py: increment_and_get 4-6 against 13-17 M/s, see
    # docs/performance.md). A missing attribute raises "'AtomicInt' object has no attribute ...".
    __getattribute__ = object.__getattribute__

    def __dir__(self):
        # The Python API, as on the other backends (and so the REPL's completion): GraalPy's own
        # dir() of a Java object would list its Java methods too (compareAndSet beside compare_and_set).
        return dir(AtomicInt)

    # Each Java call below takes a long when the ints fit one (is_long), else a BigInteger; _call()
    # asks whether the switch interval has elapsed. `+=` and the adding and compare-and-set methods
    # are made below (_interop.fast_methods).

    def _get(self):
        value = _call(_get, self)
        return value if type(value) is int else int(value)

    def _apply(self, op, operand):
        _call(_apply if is_long(operand) else _apply_big, self, _OPS[op], operand)

    def _compare_and_set(self, expected, new):
        fits = is_long(expected) and is_long(new)
        return _call(_compare_and_set if fits else _compare_and_set_big, self, expected, new)

    def _get_and_set(self, value):
        previous = _call(_get_and_set, self, value)
        return previous if type(previous) is int else int(previous)

    def _get_and_add(self, delta):
        previous = _call(_get_and_add if is_long(delta) else _get_and_add_big, self, delta)
        return previous if type(previous) is int else int(previous)


# `+=` and the other fast methods: HostCalls.add and compareAndSetThenSwitchDue answer whether the
# switch interval has elapsed themselves (one Java call, not two).
_FAST_METHODS = fast_methods(
    {"iadd": "switch_due = _add(self, other)",
     "get_and_add": "result = _get_and_add(self, delta)\nswitch_due = _switch_due()",
     "get_and_set": "result = _get_and_set_long(self, value)\nswitch_due = _switch_due()",
     "compare_and_set": "answer = _compare_and_set_then_switch_due(self, expected, new)" + SPLIT_ANSWER},
    _restart_interval,
    {"_add": _add, "_get_and_add": _get_and_add, "_get_and_set_long": _get_and_set_long, "_switch_due": _switch_due,
     "_compare_and_set_then_switch_due": _compare_and_set_then_switch_due})
AtomicInt.__iadd__ = _FAST_METHODS.pop("__iadd__")  # on the class GraalPy is given, before it makes its type
AtomicInt.__module__ = "atomicint"
polyglot.register_interop_type(_JavaAtomicInt, AtomicInt)


def _finish_generated_type():
    """Name GraalPy's generated type of the Java objects (one per context) ``atomicint.AtomicInt``
    and give it the other fast methods."""
    generated = type(_JavaAtomicInt(0))
    generated.__name__ = generated.__qualname__ = "AtomicInt"
    generated.__module__ = "atomicint"
    # They serve the Java objects only, not a Python subclass of AtomicInt with primitives of its
    # own (a store's RemoteAtomicInt, which has its own `+=`).
    for name, method in _FAST_METHODS.items():
        setattr(generated, name, method)


_finish_generated_type()
