"""AtomicInts that live in a storage engine, shared by processes and machines.

``store = atomicint.connect("redis://127.0.0.1:6379/0")`` opens a store (the URL's
scheme picks the engine: ``redis://host:port/db``, or a ZooKeeper ensemble,
``zookeeper://host:port[,host:port...][/chroot]``); ``store.atomic_int("visits")`` is an :class:`atomicint.AtomicInt`
whose value is the integer stored under that name (an absent key reads as 0). It
passes the same int protocol as an in-process AtomicInt (``IntProtocol``), and
every update is one atomic step on the server, computed exactly (see
``dev.atomicint.RemoteAtomicInt``).

Each operation is a network round trip, made without the GIL, so other Python
threads run meanwhile. Errors:

* :class:`StoreError` (a ``ConnectionError``): the store could not be asked;
  nothing changed. ``connect`` raises it, naming the URL, when the server refuses.
* :class:`OutcomeUnknownError` (a ``StoreError``): an update was sent and its
  answer was lost (timeout, dropped connection); it may or may not have been
  applied, and it was not retried. The next call reconnects.
* ``ValueError``: the key holds something that is not an integer; it is left as is.

What does not carry over: a remote AtomicInt is a reference to a key, not a
value, so ``copy``, ``deepcopy`` and ``pickle`` refuse it (``TypeError``); pass the
store URL and the name instead. ``AtomicInt(value)`` makes in-process ones only.
"""

import polyglot

from ._protocol import IntProtocol, as_int, drop_own_frames
from ._interop import FAST_METHOD_NAMES, overflow_error
from ._store_errors import OutcomeUnknownError, StoreError

__all__ = ["connect", "Store", "StoreError", "OutcomeUnknownError"]


#: Java exception class names (as they appear in a ForeignException's text) -> Python's.
_ERRORS = (
    ("StoreAccessDeniedException", PermissionError),
    ("OutcomeUnknownException", OutcomeUnknownError),
    ("NotAnIntegerException", ValueError),
    ("StoreException", StoreError),
    ("RedisRefused", StoreError),
    ("IllegalArgumentException", ValueError),
)


def _translated(error):
    """The Python exception for a Java one raised by a store call."""
    text = str(error)
    for java_name, python_type in _ERRORS:
        if java_name in text:
            return python_type(text.partition(": ")[2] or text)
    if "ArithmeticException" in text:
        return overflow_error(error)
    return error


def _java(function, *args):
    """Calls a Java store function, the GIL released (GraalPy's default for foreign calls)."""
    try:
        return function(*args)
    except polyglot.ForeignException as error:
        raise _translated(error) from None


def _java_connect(url):
    try:
        from ._bridge import connect
    except ImportError:  # plain GraalPy with host class lookup, no Java set-up call
        from ._classpath import java_type
        connect = java_type("dev.atomicint.python.StoreProxy").connect
    return _java(connect, url)


def connect(url):
    """Open the store at ``url`` (``redis://[[user:]password@]host[:port][/db][?timeout=ms]``, the same over
    TLS as ``rediss://...[&ca=file][&cert=file&key=file]``, or
    ``zookeeper://host[:port][,host[:port]...][/chroot][?timeout=ms]``).

    Raises ValueError naming the part of a malformed URL, StoreError naming the URL if the store is
    unreachable, and PermissionError when this context was not granted that store (a Java
    application grants stores with ``dev.atomicint.python.StoreAccess``; ``bin/atomicint-python``
    grants every store). Nothing is sent in the first and last case.
    """
    if not isinstance(url, str):
        raise TypeError(f"a store URL must be a str, not '{type(url).__name__}'")
    java_store = _java_connect(url)
    return Store(str(java_store.address), java_store)


def store_from_java(java_store):
    """The Python Store over a Java ``StoreProxy`` (``AtomicIntPython.toPython(context, store)``)."""
    return Store(str(java_store.address), java_store)


class Store:
    """An open store: ``atomic_int(name)`` gives the AtomicInt stored under ``name``.

    Use it as a context manager, or call :meth:`close`; its AtomicInts then raise StoreError.
    Safe to share between threads.
    """

    __slots__ = ("_java_store", "url")

    def __init__(self, url, java_store):
        self.url = url  # the canonical address: no credentials, default port, database or chroot filled in
        self._java_store = java_store

    def atomic_int(self, name):
        """The :class:`atomicint.AtomicInt` stored under ``name`` (absent reads as 0); no server call."""
        if not isinstance(name, str):
            raise TypeError(f"an AtomicInt name must be a str, not '{type(name).__name__}'")
        return from_java(_java(self._java_store.atomic_int, name))

    def close(self):
        """Close the store's connections."""
        _java(self._java_store.close)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __repr__(self):
        return f"atomicint.connect({self.url!r})"


def _number(value):
    return value if type(value) is int else int(value)


def _remote_class():
    """The remote AtomicInt class: a subclass of this context's ``atomicint.AtomicInt``, so
    ``isinstance(n, atomicint.AtomicInt)`` holds, with the primitives made store calls."""
    from atomicint import AtomicInt

    class RemoteAtomicInt(AtomicInt):
        """An AtomicInt stored in an engine under a name: see ``atomicint.connect``."""

        # The Java proxy's member functions, fetched once: reading a proxy member is a Java call.
        __slots__ = ("_name", "_address", "_r_get", "_r_add", "_r_apply", "_r_cas", "_r_get_and_set",
                     "_r_get_and_add")

        def __new__(cls, value=0):
            try:
                raise TypeError("a remote AtomicInt comes from store.atomic_int(name); "
                                "AtomicInt(value) makes an in-process one")
            except TypeError as error:  # the traceback ends at the caller's line (see _protocol)
                drop_own_frames(error)
                raise

        def __init__(self, *args):
            pass

        @classmethod
        def _from_proxy(cls, proxy):
            self = object.__new__(cls)
            for slot, member in (("_name", "name"), ("_address", "address"), ("_r_get", "get"), ("_r_add", "add"),
                                 ("_r_apply", "apply"), ("_r_cas", "compare_and_set"),
                                 ("_r_get_and_set", "get_and_set"), ("_r_get_and_add", "get_and_add")):
                object.__setattr__(self, slot, getattr(proxy, member))
            object.__setattr__(self, "_name", str(self._name))
            object.__setattr__(self, "_address", str(self._address))
            return self

        @property
        def name(self):
            """The key this AtomicInt is stored under."""
            return self._name

        def __iadd__(self, other):
            """``self += other``, atomically on the server; returns this same AtomicInt."""
            try:
                return self._inplace("add", other)
            except Exception as error:
                drop_own_frames(error)
                raise

        def _get(self):
            return _number(_java(self._r_get))

        def _apply(self, op, operand):
            if op == "add":
                _java(self._r_add, operand)  # INCRBY while the value fits in 64 bits
            else:
                _java(self._r_apply, op, operand)

        def _compare_and_set(self, expected, new):
            return bool(_java(self._r_cas, expected, new))

        def _get_and_set(self, value):
            return _number(_java(self._r_get_and_set, value))

        def _get_and_add(self, delta):
            return _number(_java(self._r_get_and_add, delta))

        def _refuse_copy(self, *args):
            try:
                raise TypeError(f"a remote AtomicInt is a reference to the key {self._name!r} in {self._address}, "
                                "not a value: it cannot be copied or pickled; pass the store URL and the name instead")
            except TypeError as error:
                drop_own_frames(error)
                raise

        __copy__ = __deepcopy__ = __reduce__ = __reduce_ex__ = _refuse_copy

    # A backend's fast methods call its own Java objects; a remote AtomicInt has IntProtocol's,
    # which go through the primitives above.
    for name in FAST_METHOD_NAMES:
        if name not in vars(RemoteAtomicInt):
            setattr(RemoteAtomicInt, name, getattr(IntProtocol, name))
    RemoteAtomicInt.__module__ = "atomicint"
    RemoteAtomicInt.__qualname__ = "RemoteAtomicInt"
    return RemoteAtomicInt


_REMOTE_CLASS = []


def remote_class():
    """The remote AtomicInt class of this context, made on first use."""
    if not _REMOTE_CLASS:
        _REMOTE_CLASS.append(_remote_class())
    return _REMOTE_CLASS[0]


def from_java(proxy):
    """The Python AtomicInt over a Java ``RemoteAtomicIntProxy`` (used by ``AtomicIntPython.toPython`` too)."""
    return remote_class()._from_proxy(proxy)
