"""AtomicInt as a Python int guarded by a lock: the portable backend, for Pythons without Java.

On CPython (and any Python other than GraalPy) there is no Java ``AtomicInt`` to share, so
:class:`AtomicInt` here holds a plain ``int`` and a ``threading.Lock``. Every update is one short
critical section on that lock: ``+=`` of an int and ``get_and_add`` read, add, check the cap by
two comparisons and store under the lock; the other operators compute the new value with Python's
own ``int`` outside it, then store it under the lock if the value is still the one they computed
from, and otherwise compute it again under the lock (retrying outside it could go on for ever where
computing takes longer than a switch interval beside busy threads). It is therefore atomic with
respect to every Python thread, with or without a GIL (free-threaded CPython included): every
store happens under the lock and is computed from the value it replaces, and a read is one load of
the value (an item of a one-item list). A failed update (a bad operand, a result over the 2**20-bit
cap) raises before anything is stored, so the value is unchanged.

On a GIL build, CPython switches threads only at a function's start, a call's return or a loop's
jump. So the sections of the common paths make no call: a thread there never holds the lock while
it waits for the GIL, and the threads do not queue on the lock.

``update_and_get(fn)`` does not hold the lock while ``fn`` runs: like the Java backends it reads,
calls ``fn`` and compare-and-sets in a loop (``IntProtocol._update``), so ``fn`` may block or
touch the same AtomicInt without deadlocking.

The value is shared by the threads of one process only: no Java thread or GraalPy context sees it.
"""

import threading

from ._protocol import _OPERATORS, IntProtocol, drop_own_frames, storable
from ._result_size import MAX_VALUE, MIN_VALUE, check_after, check_before

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
                # No call inside the critical section: CPython may hand the GIL to another thread right
                # after a call returns (the end of `with`'s __exit__ is the first such point), and while
                # the lock is held every other thread then queues on it, each one a futex round trip.
                # So `with`, not lock.acquire(), and the cap as two comparisons, not bit_length()
                # (measured, 50 threads x 100000 `+=`: 86 s with bit_length() in the section).
                with self._lock:
                    cell = self._cell
                    value = cell[0] + other
                    if MIN_VALUE <= value <= MAX_VALUE:
                        cell[0] = value
                        return self
                check_after(value)  # raises: the sum is over the cap, and nothing was stored
            return self._inplace("add", other)
        except Exception as error:
            drop_own_frames(error)
            raise

    def _get(self):
        return self._cell[0]

    def _apply(self, op, operand):
        # Computed outside the lock (the operator and the cap checks are calls; see __iadd__), then
        # stored only if the value is still the one computed from: a compare-and-set under the lock.
        # `is` suffices: an equal int stored meanwhile gives the same result, so storing it is right.
        compute = _OPERATORS[op]
        cell = self._cell
        current = cell[0]
        check_before(op, current, operand)
        new = check_after(compute(current, operand))
        with self._lock:
            if cell[0] is current:
                cell[0] = new
                return
        # The value changed meanwhile: this time compute under the lock. Retrying outside it could
        # go on for ever where computing takes longer than a switch interval beside busy threads.
        with self._lock:
            current = cell[0]
            check_before(op, current, operand)
            cell[0] = check_after(compute(current, operand))

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
        with self._lock:  # no call inside, as in __iadd__
            cell = self._cell
            previous = cell[0]
            value = previous + delta
            if MIN_VALUE <= value <= MAX_VALUE:
                cell[0] = value
                return previous
        check_after(value)  # raises: over the cap, nothing stored


# The slots' own setters: IntProtocol.__setattr__ lets code outside the class set only `value`.
_set_lock = AtomicInt._lock.__set__
_set_cell = AtomicInt._cell.__set__

AtomicInt.__module__ = "atomicint"
