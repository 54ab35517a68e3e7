"""The errors of stored AtomicInts (``atomicint.connect``), importable on every Python."""

__all__ = ["StoreError", "OutcomeUnknownError", "connect_without_java"]


class StoreError(ConnectionError):
    """The store could not be asked (unreachable, closed, or it refused the command): nothing changed."""


class OutcomeUnknownError(StoreError):
    """An update was sent but its answer was lost: it may or may not have been applied.

    It is never retried automatically (``n += 1`` twice would be wrong). Read the value
    and reconcile, or count the update as in doubt; the next call reconnects.
    """


def connect_without_java(url):
    """``atomicint.connect`` on a Python without Java (CPython, GraalPy's native standalone): stored
    AtomicInts run on atomicint's Java engines, so this raises :class:`StoreError`, naming the URL."""
    raise StoreError(f"cannot connect to {url!r}: stored AtomicInts run on atomicint's Java engines, which need "
                     "GraalPy on a JVM (bin/atomicint-python, or a Java application that sets up its context with "
                     "dev.atomicint.python.AtomicIntPython)")
