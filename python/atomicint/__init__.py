"""Atomic integers for Python on GraalPy, backed by Java.

``from atomicint import AtomicInt`` gives a mutable integer whose every update
is one atomic Java operation on a shared ``dev.atomicint.AtomicInt``::

    from atomicint import AtomicInt
    n = AtomicInt()
    n += 1          # atomic for every Python thread, Java thread and GraalPy context
    n.value         # the current value as a plain int

An AtomicInt behaves as a Python ``int`` wherever a reader would use one:

* every in-place operator (``+= -= *= //= %= **= <<= >>= &= |= ^=``) updates the
  same object atomically and returns it; the operand may be an int, a bool or
  another AtomicInt (an int subclass counts at its int value: its own
  ``__index__``, ``__int__`` and operator overrides are not asked). A bad operand
  raises what ``int`` raises (``ZeroDivisionError`` ...) and changes nothing; so
  does a float or complex operand, with ``TypeError`` when ``int`` would not raise;
  any other operand raises ``TypeError`` without being asked (no ``__radd__``), and
  so does an update whose result would not be an int (``/=``, ``@=``, ``**=`` with
  a negative exponent); a result over 2**28 bits raises ``OverflowError`` at once;
* binary operators, comparisons and conversions act on the current value and
  give exactly what ``int`` gives (``n + 1`` is a plain ``int``, ``n / 2`` a
  ``float``; ``range(n)``, ``hex(n)``, ``f"{n:,}"`` all work);
* values have arbitrary precision, like ``int``: no wrapping, no overflow;
* atomic methods: ``get``, ``set``, ``value``, ``compare_and_set``,
  ``get_and_set``, ``get_and_add``, ``add_and_get``, ``increment_and_get``,
  ``get_and_increment``, ``decrement_and_get``, ``get_and_decrement``,
  ``update_and_get``, ``get_and_update``.

It is mutable and therefore unhashable; ``copy``, ``deepcopy`` and ``pickle``
give an independent AtomicInt with the same value.

Java hosts share their own ``AtomicInt`` objects with Python directly (see
``dev.atomicint.python.AtomicIntPython``); in a context without host access the
same API runs over the ``AtomicIntProxy`` face.

Shared by processes and machines: ``store = atomicint.connect("redis://host:port/db")``, then
``store.atomic_int(name)`` is an AtomicInt stored in Redis under ``name`` (see ``atomicint._remote``
for the errors ``StoreError`` and ``OutcomeUnknownError``, and docs/redis.md for the guarantees).
"""

__all__ = ["AtomicInt"]
__version__ = "0.1.0"


def _backend():
    try:
        from ._bridge import sandboxed
    except ImportError:  # no Java set-up call ran: plain GraalPy with host class lookup
        sandboxed = False
    if sandboxed:
        from ._sandbox import AtomicInt
    else:
        from ._host import AtomicInt
    return AtomicInt


AtomicInt = _backend()
del _backend

from ._remote import OutcomeUnknownError, Store, StoreError, connect  # noqa: E402  (needs AtomicInt above)

__all__ += ["connect", "Store", "StoreError", "OutcomeUnknownError"]
