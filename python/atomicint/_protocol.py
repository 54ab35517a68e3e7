"""The Python ``int`` protocol of an AtomicInt, written once for every backend.

:class:`IntProtocol` turns five atomic primitives into everything a reader of an
``int`` expects: in-place operators that mutate the object itself, binary and
reflected operators that return plain ``int`` (or ``float``, ``complex``,
``Fraction`` ... exactly as ``int`` would), comparisons, conversions, the
read-only ``int`` API and the atomic methods (``compare_and_set`` ...).

A backend subclass supplies the primitives, each one atomic on the shared value
(a Java AtomicInt on GraalPy; a lock-guarded int in the portable backend):

``_get()``                      the current value as a plain ``int``
``_apply(op, operand)``         ``value = value <op> operand``; ``op`` is an
                                :data:`INPLACE_OPS` name, ``operand`` an exact int
                                that :func:`_check_operand` accepted
``_compare_and_set(e, n)``      ``value = n`` if ``value == e``; returns success
``_get_and_set(v)``             ``value = v``; returns the previous value
``_get_and_add(d)``             ``value += d``; returns the previous value

An error from an operation ends at the caller's line, as an ``int``'s does: every method a caller
reaches (here and in the backends) catches what its body raises, takes atomicint's own frames out
of the traceback (:func:`drop_own_frames`) and re-raises it with a bare ``raise``, which adds no
frame of its own.
"""

import sys

from ._result_size import abbreviated, check_value

__all__ = ["IntProtocol", "INPLACE_OPS", "OWN_FILES", "as_int", "drop_own_frames", "storable"]


def _directory_of(path):
    """``os.path.join(os.path.dirname(path), "")`` without importing ``os``: importing atomicint
    imports nothing of the standard library, so a new context on a warm engine imports it in tens
    of milliseconds (``os`` and what it pulls in took most of the set-up call when it did)."""
    separators = "\\/" if sys.platform == "win32" else "/"
    return path[: max(path.rfind(s) for s in separators) + 1]


#: Where atomicint's own files are (``jar:atomicint/`` where an embedding serves the package): the
#: frames of their code are left out of an error's traceback.
OWN_FILES = _directory_of(__file__)


def drop_own_frames(error):
    """Take the frames of atomicint's own code out of ``error``'s traceback, keeping every other
    (the caller's, and those of a function the caller passed in, such as an update function).

    The outermost atomicint method calls it on what it caught, then re-raises with a bare ``raise``::

        except Exception as error:
            drop_own_frames(error)
            raise

    Python 3.11+ (GraalPy included) re-raises the exception with the traceback it now holds and adds
    no entry for the re-raising frame, so the traceback ends at the caller's line, as for ``int``.
    Python 3.10 re-raises the traceback as it was caught, which starts at the catching method: there
    that single frame remains (its tail is relinked here too), and nothing below it of atomicint's.
    """
    caught = entry = error.__traceback__
    kept = []
    while entry is not None:
        if not entry.tb_frame.f_code.co_filename.startswith(OWN_FILES):
            kept.append(entry)
        entry = entry.tb_next
    kept.append(None)
    for outer, inner in zip(kept, kept[1:]):
        outer.tb_next = inner
    if caught is not kept[0]:
        caught.tb_next = kept[0]
    error.__traceback__ = kept[0]

#: The in-place operations an AtomicInt performs atomically: name -> symbol.
#: The names are those of ``dev.atomicint.IntOp`` and of the ``__i<name>__`` methods.
INPLACE_OPS = {
    "add": "+", "sub": "-", "mul": "*", "floordiv": "//", "mod": "%", "pow": "**",
    "lshift": "<<", "rshift": ">>", "and": "&", "or": "|", "xor": "^",
}


def storable(value):
    """``value`` as a new value for an AtomicInt: :func:`as_int`, then the 2**20-bit cap
    (``OverflowError`` past it), checked before anything is asked of the backend."""
    if type(value) is int and -1 <= value >> 63 <= 0:
        return value  # fits 64 bits, so far below the cap: the common case, off the cap's path
    return check_value(as_int(value))


def as_int(value, what="value"):
    """Return ``value`` as an exact ``int``: an int (bool, subclasses and Java
    BigIntegers included, taken at their int value like ``int`` arithmetic does)
    or an AtomicInt's current value. Anything else raises ``TypeError``."""
    if type(value) is int:
        return value
    if isinstance(value, int):
        if not issubclass(type(value), int):
            return int(value)  # a Java BigInteger (polyglot.ForeignNumber): GraalPy counts it as an int
        return int.__int__(value)  # the stored value; a subclass's __int__/__index__ override is not asked
    if isinstance(value, IntProtocol):
        return value._get()
    raise TypeError(f"AtomicInt {what} must be an int, not '{type(value).__name__}'")


#: The non-int operand types whose in-place result ``int`` is asked for, only to raise what it
#: raises (``n //= 0.0`` is a ZeroDivisionError, as for ``int``); it runs no user code for them.
#: Their result would not be an int, so without such an error they raise TypeError.
_ASKED_TYPES = (float, complex)

#: What each binary operator computes on plain values, as ``int`` does it (written out: importing
#: ``operator`` cost 10-25 ms of every new context's set-up call).
_OPERATORS = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "truediv": lambda a, b: a / b, "floordiv": lambda a, b: a // b, "mod": lambda a, b: a % b,
    "divmod": divmod, "pow": pow, "lshift": lambda a, b: a << b, "rshift": lambda a, b: a >> b,
    "and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b,
}


def _is_int_operand(other):
    return isinstance(other, (int, IntProtocol))


def _refuse(op, current, other):
    """Raise for an in-place operand that is not an int: first what ``int`` raises for it (only
    asked of a float or complex), then TypeError. Other objects are never asked anything."""
    symbol = _SYMBOLS[op]
    if type(other) in _ASKED_TYPES:
        _OPERATORS[op](current(), other)  # raises first whatever int raises (ZeroDivisionError, OverflowError)
        raise TypeError(f"AtomicInt {symbol}= {type(other).__name__}: the result would be a "
                        f"{type(other).__name__}, which an AtomicInt cannot hold")
    raise TypeError(
        f"unsupported operand type(s) for {symbol}=: 'AtomicInt' and '{type(other).__name__}'")


def _plain(value):
    """An AtomicInt operand as its current int; anything else as it is."""
    return value._get() if isinstance(value, IntProtocol) else value


#: How the docstrings of the binary operators spell each operation.
_SYMBOLS = dict(INPLACE_OPS, truediv="/", divmod="divmod")


def _define_inplace(op):
    def method(self, other):
        try:
            return self._inplace(op, other)
        except Exception as error:
            drop_own_frames(error)
            raise
    method.__name__ = f"__i{op}__"
    method.__qualname__ = f"IntProtocol.__i{op}__"  # help() then lists it as IntProtocol's own
    method.__doc__ = f"``self {INPLACE_OPS[op]}= other``, atomically; returns this same AtomicInt."
    return method


def _define_binary(name, fn):
    def method(self, other, *mod):
        try:
            return fn(self._get(), _plain(other), *mod)
        except Exception as error:
            drop_own_frames(error)
            raise

    def reflected(self, other, *mod):
        try:
            return fn(_plain(other), self._get(), *mod)
        except Exception as error:
            drop_own_frames(error)
            raise

    for f, fmt, doc in ((method, "__{}__", "``self {} other``"), (reflected, "__r{}__", "``other {} self``")):
        f.__name__ = fmt.format(name)
        f.__qualname__ = "IntProtocol." + f.__name__
        f.__doc__ = doc.format(_SYMBOLS[name]) + " on the current value; a plain result, as ``int`` gives."
    return method, reflected


def _operator_methods():
    """The in-place and binary operator methods, by name, for IntProtocol's class body (made
    there in one go: setting them on the finished class one by one cost up to 27 ms per context)."""
    methods = {f"__i{op}__": _define_inplace(op) for op in INPLACE_OPS}
    for name, fn in _OPERATORS.items():
        methods[f"__{name}__"], methods[f"__r{name}__"] = _define_binary(name, fn)
    return methods


class IntProtocol:
    """Everything an ``int`` does, on top of five atomic primitives (see the module doc)."""

    __slots__ = ()

    # Mutable, so unhashable: a hash that changes under a dict would corrupt it.
    __hash__ = None

    # ---- operators: in-place ones atomic (returning the same object), binary ones on the value -

    locals().update(_operator_methods())  # __iadd__ ... __ixor__, __add__/__radd__ ... __xor__/__rxor__

    def _inplace(self, op, other):
        if type(other) is int:
            operand = other
        elif _is_int_operand(other):
            operand = as_int(other)
        else:
            _refuse(op, self._get, other)
        self._check_operand(op, operand)
        self._apply(op, operand)
        return self

    def _check_operand(self, op, operand):
        """Raise, before anything changes, what ``int`` raises for a bad operand.

        Zero divisors and negative shift counts raise exactly as ``int`` does (by
        letting ``int`` itself raise on a cheap value). The operand is an exact int here:
        ``_refuse`` answered every other one. A negative exponent raises
        what ``int`` raises, else ``TypeError``: ``int`` would answer a float,
        which an AtomicInt cannot hold.
        """
        if operand == 0 and (op == "floordiv" or op == "mod"):
            _OPERATORS[op](1, 0)
        elif operand < 0 and (op == "lshift" or op == "rshift"):
            _OPERATORS[op](1, operand)
        elif operand < 0 and op == "pow":
            self._get() ** operand  # raises first whatever int raises (0 ** -1, a too large base)
            raise TypeError(f"AtomicInt **= {abbreviated(operand)}: a negative exponent gives a float, "
                            "which an AtomicInt cannot hold")

    def __itruediv__(self, other):
        try:
            if not _is_int_operand(other):
                _refuse("truediv", self._get, other)
            self._get() / as_int(other)  # raises first whatever int raises (ZeroDivisionError, OverflowError)
            raise TypeError("AtomicInt /= gives a float, which an AtomicInt cannot hold; use //=")
        except Exception as error:
            drop_own_frames(error)
            raise

    def __imatmul__(self, other):
        # Refuses, as int does for every int: without it, `n @= x` would fall back to
        # x.__rmatmul__(n) and rebind the name n to whatever that returns.
        try:
            raise TypeError(f"unsupported operand type(s) for @=: 'AtomicInt' and '{type(other).__name__}'")
        except TypeError as error:
            drop_own_frames(error)
            raise

    def __setattr__(self, name, value):
        try:
            if name != "value":
                raise AttributeError(f"'AtomicInt' object attribute '{name}' is read-only")
            self.set(value)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __delattr__(self, name):
        try:
            raise AttributeError(f"'AtomicInt' object attribute '{name}' is read-only")
        except AttributeError as error:
            drop_own_frames(error)
            raise

    # ---- the atomic API -----------------------------------------------------
    # Each method (and each one below) catches what its body raises only to take atomicint's frames
    # out of the traceback (drop_own_frames) and re-raise it: the error ends at the caller's line.
    # A try costs nothing until something is raised (CPython 3.11+, GraalPy).

    def get(self):
        """Return the current value as a plain ``int``."""
        try:
            return self._get()
        except Exception as error:
            drop_own_frames(error)
            raise

    def set(self, value):
        """Set the value to ``value`` (an int or an AtomicInt's current value)."""
        try:
            self._get_and_set(storable(value))
        except Exception as error:
            drop_own_frames(error)
            raise

    value = property(get, set, doc="The current value as a plain ``int``; assigning sets it atomically.")

    def compare_and_set(self, expected, new):
        """Atomically set the value to ``new`` if it equals ``expected``; return whether it did."""
        try:
            return self._compare_and_set(as_int(expected, "expected value"), storable(new))
        except Exception as error:
            drop_own_frames(error)
            raise

    def get_and_set(self, value):
        """Atomically set the value and return the previous one."""
        try:
            return self._get_and_set(storable(value))
        except Exception as error:
            drop_own_frames(error)
            raise

    def get_and_add(self, delta):
        """Atomically add ``delta`` and return the previous value."""
        try:
            return self._get_and_add(as_int(delta, "delta"))
        except Exception as error:
            drop_own_frames(error)
            raise

    def add_and_get(self, delta):
        """Atomically add ``delta`` and return the new value."""
        try:
            delta = as_int(delta, "delta")
            return self._get_and_add(delta) + delta
        except Exception as error:
            drop_own_frames(error)
            raise

    def increment_and_get(self, amount=1):
        """Atomically add ``amount`` (default 1) and return the new value."""
        try:
            return self.add_and_get(amount)
        except Exception as error:
            drop_own_frames(error)
            raise

    def get_and_increment(self, amount=1):
        """Atomically add ``amount`` (default 1) and return the previous value."""
        try:
            return self.get_and_add(amount)
        except Exception as error:
            drop_own_frames(error)
            raise

    def decrement_and_get(self, amount=1):
        """Atomically subtract ``amount`` (default 1) and return the new value."""
        try:
            return self.add_and_get(-as_int(amount, "amount"))
        except Exception as error:
            drop_own_frames(error)
            raise

    def get_and_decrement(self, amount=1):
        """Atomically subtract ``amount`` (default 1) and return the previous value."""
        try:
            return self.get_and_add(-as_int(amount, "amount"))
        except Exception as error:
            drop_own_frames(error)
            raise

    def _update(self, fn):
        """Apply ``fn`` atomically by a compare-and-set loop; return (previous, new).

        ``fn`` runs in the calling Python thread, outside any Java call or lock, so it
        may block or touch this AtomicInt without deadlocking anything; under
        contention it may run more than once. If it raises, nothing changes (and its
        frames stay in the traceback: they are the caller's code).
        """
        while True:
            current = self._get()
            new = fn(current)
            if not isinstance(new, int):
                raise TypeError(
                    f"AtomicInt update function must return an int, not '{type(new).__name__}'")
            new = storable(new)
            if self._compare_and_set(current, new):
                return current, new

    def update_and_get(self, fn):
        """Atomically replace the value by ``fn(value)`` and return the new value."""
        try:
            return self._update(fn)[1]
        except Exception as error:
            drop_own_frames(error)
            raise

    def get_and_update(self, fn):
        """Atomically replace the value by ``fn(value)`` and return the previous value."""
        try:
            return self._update(fn)[0]
        except Exception as error:
            drop_own_frames(error)
            raise

    # ---- conversions --------------------------------------------------------

    def __int__(self):
        try:
            return self._get()
        except Exception as error:
            drop_own_frames(error)
            raise

    __index__ = __int__
    __trunc__ = __int__
    __floor__ = __int__
    __ceil__ = __int__

    def __float__(self):
        try:
            return float(self._get())
        except Exception as error:
            drop_own_frames(error)
            raise

    def __complex__(self):
        try:
            return complex(self._get())
        except Exception as error:
            drop_own_frames(error)
            raise

    def __bool__(self):
        try:
            return self._get() != 0
        except Exception as error:
            drop_own_frames(error)
            raise

    def __round__(self, ndigits=None):
        try:
            return round(self._get()) if ndigits is None else round(self._get(), ndigits)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __format__(self, spec):
        try:
            value = self._get()
            _check_str_digits(value, spec)
            return format(value, spec)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __str__(self):
        try:
            return str(self._get())
        except Exception as error:
            drop_own_frames(error)
            raise

    def __repr__(self):
        try:
            return f"AtomicInt({self._get()})"
        except Exception as error:
            drop_own_frames(error)
            raise

    # ---- unary operators (plain int results) --------------------------------

    def __neg__(self):
        try:
            return -self._get()
        except Exception as error:
            drop_own_frames(error)
            raise

    def __pos__(self):
        try:
            return self._get()
        except Exception as error:
            drop_own_frames(error)
            raise

    def __abs__(self):
        try:
            return abs(self._get())
        except Exception as error:
            drop_own_frames(error)
            raise

    def __invert__(self):
        try:
            return ~self._get()
        except Exception as error:
            drop_own_frames(error)
            raise

    # ---- comparisons --------------------------------------------------------

    def __eq__(self, other):
        try:
            return self._get() == _plain(other)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __ne__(self, other):
        try:
            return self._get() != _plain(other)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __lt__(self, other):
        try:
            return self._get() < _plain(other)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __le__(self, other):
        try:
            return self._get() <= _plain(other)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __gt__(self, other):
        try:
            return self._get() > _plain(other)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __ge__(self, other):
        try:
            return self._get() >= _plain(other)
        except Exception as error:
            drop_own_frames(error)
            raise

    # ---- the read-only int API, on the current value ------------------------

    def bit_length(self):
        """``int.bit_length`` of the current value."""
        try:
            return self._get().bit_length()
        except Exception as error:
            drop_own_frames(error)
            raise

    def bit_count(self):
        """``int.bit_count`` of the current value."""
        try:
            return self._get().bit_count()
        except Exception as error:
            drop_own_frames(error)
            raise

    def to_bytes(self, length=1, byteorder="big", *, signed=False):
        """``int.to_bytes`` of the current value."""
        try:
            return self._get().to_bytes(length, byteorder, signed=signed)
        except Exception as error:
            drop_own_frames(error)
            raise

    def as_integer_ratio(self):
        """``int.as_integer_ratio`` of the current value."""
        try:
            return self._get().as_integer_ratio()
        except Exception as error:
            drop_own_frames(error)
            raise

    def conjugate(self):
        """The current value as a plain ``int`` (like ``int.conjugate``)."""
        try:
            return self._get()
        except Exception as error:
            drop_own_frames(error)
            raise

    def is_integer(self):
        """Always ``True``, like ``int.is_integer``."""
        return True

    @classmethod
    def from_bytes(cls, data, byteorder="big", *, signed=False):
        """A new AtomicInt holding ``int.from_bytes(data, byteorder, signed=signed)``."""
        try:
            return _public_class()(int.from_bytes(data, byteorder, signed=signed))
        except Exception as error:
            drop_own_frames(error)
            raise

    real = property(get, doc="The current value as a plain ``int``.")
    numerator = property(get, doc="The current value as a plain ``int``.")
    imag = property(lambda self: 0, doc="Always 0, like ``int.imag``.")
    denominator = property(lambda self: 1, doc="Always 1, like ``int.denominator``.")

    # ---- copying and pickling: an independent AtomicInt, same value ---------

    def __copy__(self):
        try:
            return _public_class()(self._get())
        except Exception as error:
            drop_own_frames(error)
            raise

    def __deepcopy__(self, memo):
        try:
            return _public_class()(self._get())
        except Exception as error:
            drop_own_frames(error)
            raise

    def __reduce__(self):
        try:
            return _public_class(), (self._get(),)
        except Exception as error:
            drop_own_frames(error)
            raise

    def __reduce_ex__(self, protocol):
        try:
            return self.__reduce__()
        except Exception as error:
            drop_own_frames(error)
            raise


#: The presentation types of ``format(int, spec)`` that write no decimal digits of the int itself.
_NOT_DECIMAL = frozenset("bcoxXeEfFgG%")

#: log10(2): an int of b bits has at most b * this + 1 decimal digits.
_DIGITS_PER_BIT = 0.30102999566398120


def _check_str_digits(value, spec):
    """Raise what ``str(value)`` raises when ``format(value, spec)`` would write more decimal digits
    than ``sys.get_int_max_str_digits()`` allows, as CPython's int does for every decimal
    presentation (``''``, ``'d'``, ``'n'``, with any width or grouping). GraalPy 25.0.3's int checks
    ``str``, ``repr`` and ``format(v, '')`` only, and converts ``format(v, 'd')`` whatever its size
    (8-19 s at 2**22 bits); an AtomicInt's format is bounded on every Python."""
    if spec[-1:] in _NOT_DECIMAL:
        return
    limit = sys.get_int_max_str_digits()
    if limit and value.bit_length() * _DIGITS_PER_BIT + 1 > limit:
        str(value)  # over the limit, raises int's own ValueError (cheaply); at the edge, converts a short int


def _public_class():
    from atomicint import AtomicInt
    return AtomicInt
