"""AtomicInt as a Python int guarded by a lock: the portable backend, for Pythons without Java.

On CPython (and any Python other than GraalPy) there is no Java ``AtomicInt`` to share, so
:class:`AtomicInt` here holds a plain ``int`` and a ``threading.Lock``. Every update is one short
critical section on that lock: read the value, compute the new one with Python's own ``int``,
store it. It is therefore atomic with respect to every Python thread, with or without a GIL
(free-threaded CPython included): no read-modify-write happens outside the lock, and a read is
one load of the value (an item of a one-item list). A failed update (a bad operand, a result
over the 2**20-bit cap) raises before anything is stored, so the value is unchanged.

``update_and_get(fn)`` does not hold the lock while ``fn`` runs: like the Java backends it reads,
calls ``fn`` and compare-and-sets in a loop (``IntProtocol._update``), so ``fn`` may block or
touch the same AtomicInt without deadlocking.

The value is shared by the threads of one process only: no Java thread or GraalPy context sees it.
"""

import threading

from ._protocol import _OPERATORS, IntProtocol, drop_own_frames, storable
from ._result_size import MAX_BIT_LENGTH, check_after, check_before

__all__ = ["AtomicInt", "BACKEND"]

#: The backend's name, ``atomicint.BACKEND``: the AtomicInts are lock-guarded Python ints, no Java.
BACKEND = "portable"


class AtomicInt(IntProtocol):
    """A mutable int whose every update is atomic for all Python threads.

    ``AtomicInt(value=0)``: ``value`` is any int (big ints and bools included) or
    another AtomicInt's current value. It behaves as an ``int`` (operators, comparisons,
    conversions); in-place operators and the atomic methods (``compare_and_set``,
    ``get_and_add`` ...) update it atomically; see ``help(atomicint)``.

    This is the portable implementation, used on every Python but GraalPy: a Python
    ``int`` guarded by a ``threading.Lock`` held by the object, shared by the threads
    of this process (no Java here). Free-threaded CPython included.
    """

    # _cell: a one-item list holding the value. Writing a list item is cheaper than setting a slot
    # past IntProtocol.__setattr__ (measured 1.2x on the += loop), and a read is one load either way.
    __slots__ = ("_lock", "_cell")

    def __new__(cls, value=0):
        """A new AtomicInt holding ``value`` (default 0)."""
        try:
            self = object.__new__(cls)
            _set_lock(self, threading.Lock())
            _set_cell(self, [storable(value)])
            return self
        except Exception as error:  # the traceback ends at the caller's line (see _protocol)
            drop_own_frames(error)
            raise

    def __iadd__(self, other):
        """``self += other``, atomically; returns this same AtomicInt."""
        try:  # costs nothing until something is raised; then the traceback ends at the caller's line
            if type(other) is int:
                # `with`, not lock.acquire(): CPython may switch threads right after a call returns, so
                # inside the critical section, and the other threads then queue on the lock (measured:
                # 50 threads x 100000 `+=` took 3.5 s that way against 1.9 s, one thread ran 1.3x faster).
                with self._lock:
                    cell = self._cell
                    value = cell[0] + other
                    if value.bit_length() > MAX_BIT_LENGTH:  # inline: most sums are far from the cap
                        check_after(value)
                    cell[0] = value
                return self
            return self._inplace("add", other)
        except Exception as error:
            drop_own_frames(error)
            raise

    def _get(self):
        return self._cell[0]

    def _apply(self, op, operand):
        compute = _OPERATORS[op]
        with self._lock:
            cell = self._cell
            check_before(op, cell[0], operand)
            cell[0] = check_after(compute(cell[0], operand))

    def _compare_and_set(self, expected, new):
        with self._lock:
            cell = self._cell
            if cell[0] != expected:
                return False
            cell[0] = new
            return True

    def _get_and_set(self, value):
        with self._lock:
            cell = self._cell
            previous = cell[0]
            cell[0] = value
            return previous

    def _get_and_add(self, delta):
        with self._lock:
            cell = self._cell
            previous = cell[0]
            cell[0] = check_after(previous + delta)
            return previous


# The slots' own setters: IntProtocol.__setattr__ lets code outside the class set only `value`.
_set_lock = AtomicInt._lock.__set__
_set_cell = AtomicInt._cell.__set__

AtomicInt.__module__ = "atomicint"
