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

import sys

import polyglot

__all__ = ["FAST_METHOD_NAMES", "SPLIT_ANSWER", "hold_gil", "switch_threads", "caller", "fast_methods", "overflow_error", "python_error", "is_long"]

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


# The hottest methods, each compiled from its own copy of one fast path (fast_methods): exact long
# operands take the backend's Java call with the GIL held and no other Python call; anything else (a big int, a
# bool, an AtomicInt, a wrong type) takes IntProtocol's method. Each method must be its own code:
# GraalPy compiles a callee with the profiles of all its callers, so loops calling different methods
# that shared one (as IntProtocol's do, through add_and_get and _get_and_add) had their compiled
# code thrown away and remade round after round (1-20 M/s; own code: a steady rate,
# docs/performance.md "Where things stand against the targets"). No try around the fast path: only
# its error path and the slow path drop atomicint's frames (see _protocol); with one around it all,
# the warm += medians measured 14.4 against 18.0 M/s.
_FAST_PATH = """
def {name}(self, {parameters}):
    {prepare}
    if {fits}:
        held = hold_gil(True)
        try:
            {call}
        except polyglot.ForeignException as error:  # past the cap: nothing changed
            try:
                raise python_error(error) from None
            except Exception as refused:
                drop_own_frames(refused)
                raise
        finally:
            hold_gil(held)
        if switch_due:
            switch_threads(restart_interval)
        {returned}
    try:
        return IntProtocol.{name}(self, {arguments})
    except Exception as error:
        drop_own_frames(error)
        raise
"""

_LONG = "type({0}) is int and -1 <= {0} >> 63 <= 0"  # is_long, written out
_PREVIOUS = "previous = result if type(result) is int else int(result)  # a Java BigInteger: int()"
_NEGATED = "delta = -amount if type(amount) is int else None"

#: The methods with a fast path: name -> (parameters, preparation, the fast path's condition, which
#: of the backend's Java calls it makes, what it returns).
_FAST = {
    "__iadd__": ("other", "pass", _LONG.format("other"), "iadd", "return self"),
    "get_and_add": ("delta", "pass", _LONG.format("delta"), "get_and_add", _PREVIOUS + "\n        return previous"),
    "add_and_get": ("delta", "pass", _LONG.format("delta"), "get_and_add",
                    _PREVIOUS + "\n        return previous + delta"),
    "get_and_increment": ("amount=1", "delta = amount", _LONG.format("delta"), "get_and_add",
                          _PREVIOUS + "\n        return previous"),
    "increment_and_get": ("amount=1", "delta = amount", _LONG.format("delta"), "get_and_add",
                          _PREVIOUS + "\n        return previous + delta"),
    "get_and_decrement": ("amount=1", _NEGATED, _LONG.format("delta"), "get_and_add",
                          _PREVIOUS + "\n        return previous"),
    "decrement_and_get": ("amount=1", _NEGATED, _LONG.format("delta"), "get_and_add",
                          _PREVIOUS + "\n        return previous + delta"),
    "get_and_set": ("value", "pass", _LONG.format("value"), "get_and_set", _PREVIOUS + "\n        return previous"),
    "compare_and_set": ("expected, new", "pass", _LONG.format("expected") + " and " + _LONG.format("new"),
                        "compare_and_set", "return result"),
}

#: For a ``compare_and_set`` call that answers both in one int (bit 0 whether the value was set, bit
#: 1 whether the switch interval has elapsed): the statements after ``answer = <the call>``.
SPLIT_ANSWER = "\nresult = (answer & 1) != 0\nswitch_due = answer >= 2"

#: The names of the methods :func:`fast_methods` makes.
FAST_METHOD_NAMES = tuple(_FAST)


def fast_methods(calls, restart_interval, names, iadd_fits=None):
    """The fast methods of a backend, by name: ``__iadd__`` and the atomic methods that add, set or
    compare-and-set. ``calls`` holds the backend's Java calls by kind (``"iadd"``, ``"get_and_add"``,
    ``"get_and_set"``, ``"compare_and_set"``), each as Python statements of ``self``, the method's
    parameters (``other``; ``delta``; ``value``; ``expected``, ``new``) and the ``names`` given, which
    set ``switch_due`` (whether the switch interval has elapsed) and, but for ``iadd``, ``result``;
    ``restart_interval`` is :func:`switch_threads`'s argument. ``iadd_fits`` is the condition for
    ``+=``'s fast path where its Java call takes more than a long."""
    from ._protocol import OWN_FILES, IntProtocol, drop_own_frames

    sources = []
    for name, (parameters, prepare, fits, call, returned) in _FAST.items():
        arguments = ", ".join(p.partition("=")[0] for p in parameters.split(", "))
        if name == "__iadd__" and iadd_fits:
            fits = iadd_fits
        sources.append(_FAST_PATH.format(name=name, parameters=parameters, prepare=prepare, fits=fits,
                                         call=calls[call].replace("\n", "\n            "), returned=returned,
                                         arguments=arguments))
    # The methods' globals are a module's, not a plain dict: GraalPy compiles a module global into a
    # constant, while it looks a plain dict's up on every call (measured: the warm `+=` ran at 25-45
    # M/s with a dict, 61-102 M/s with a module's globals).
    namespace = type(sys)("atomicint._fast").__dict__
    namespace.update(names, hold_gil=hold_gil, polyglot=polyglot, python_error=python_error,
                     drop_own_frames=drop_own_frames, switch_threads=switch_threads, IntProtocol=IntProtocol,
                     restart_interval=restart_interval)
    # One compile() for all of them, each still a function of its own: in a new engine it took a
    # third to a half of the time nine compile() calls did (18-51 against 38-172 ms). Named as a
    # file of this package, so that drop_own_frames takes their frames out of tracebacks.
    exec(compile("".join(sources), OWN_FILES + "<fast methods>", "exec"), namespace)
    made = {}
    for name in _FAST:
        method = namespace[name]
        method.__doc__ = getattr(IntProtocol, name).__doc__
        method.__qualname__ = f"AtomicInt.{name}"
        method.__module__ = "atomicint"
        made[name] = method
    return made

