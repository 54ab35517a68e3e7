"""The 2**20-bit cap on values: Java's ``dev.atomicint.ResultSize``, for every backend.

An AtomicInt refuses a value of more than :data:`MAX_BIT_LENGTH` bits with ``OverflowError`` and
keeps its value, on every backend, wherever the value comes from: the constructor, ``set``,
``get_and_set``, ``compare_and_set``'s new value and an update function's result are checked
before any other work (:func:`check_value`, by ``IntProtocol``); every operation's result after
computing (:func:`check_after`, by the portable backend; Java checks its own). Only
multiplication, power and left shift can make a result much larger than their operands, so they
are also checked before computing, from the operands' bit lengths and top bits
(:func:`check_before`): an absurd request such as ``n <<= 10**12`` fails at once.
"""

__all__ = ["MAX_BIT_LENGTH", "MIN_VALUE", "MAX_VALUE", "check_value", "check_before", "check_after", "abbreviated"]

#: The largest bit length an AtomicInt's value may have: ``IntOp.MAX_BIT_LENGTH`` (315,653 digits).
MAX_BIT_LENGTH = 1 << 20

#: The smallest and the largest value under the cap: ``MIN_VALUE <= value <= MAX_VALUE`` holds exactly
#: when :func:`check_value` accepts ``value``, and it costs two comparisons and no call.
MIN_VALUE = -(1 << MAX_BIT_LENGTH)
MAX_VALUE = (1 << MAX_BIT_LENGTH) - 1

#: The error bound of the power pre-check's estimate, in bits (as ``ResultSize.POWER_ESTIMATE_MARGIN``).
_POWER_ESTIMATE_MARGIN = 1e-3


def check_before(op, a, b):
    """Raise ``OverflowError`` when ``a <op> b`` would surely exceed :data:`MAX_BIT_LENGTH` bits.
    ``b`` is an operand :meth:`IntProtocol._check_operand` accepted (no negative exponent or count)."""
    if op == "mul":
        at_least = _product_bit_length_at_least(a, b) if a and b else 0
        if at_least > MAX_BIT_LENGTH:
            raise _too_large(f"at least {at_least}")
    elif op == "pow":
        import math  # here: the GraalPy backends import this module for check_value only

        if a not in (0, 1, -1):
            # |a ** b| has floor(b * log2|a|) + 1 bits (one less for a negative power of two)
            estimate = math.inf if b.bit_length() > 64 else b * _log2_abs(a)
            if estimate > MAX_BIT_LENGTH + _POWER_ESTIMATE_MARGIN:
                raise _too_large(f"about {estimate:.4g}")
    elif op == "lshift":
        if a and bit_length(a) + b > MAX_BIT_LENGTH:  # exact: bit_length(a << b) == bit_length(a) + b
            raise _too_large(abbreviated(bit_length(a) + b))  # b may be huge


def check_after(result):
    """Return an operation's ``result``, or raise ``OverflowError`` when it exceeds the cap."""
    if result.bit_length() > MAX_BIT_LENGTH and bit_length(result) > MAX_BIT_LENGTH:
        raise _too_large(str(bit_length(result)))
    return result


def check_value(value):
    """Return ``value``, a new value for an AtomicInt, or raise ``OverflowError`` when it exceeds
    the cap: as ``ResultSize.storable``, before anything is asked of the value's store."""
    if value.bit_length() > MAX_BIT_LENGTH and bit_length(value) > MAX_BIT_LENGTH:
        raise OverflowError(f"value too large: {bit_length(value)} bits (limit {MAX_BIT_LENGTH} bits); "
                            "the AtomicInt is unchanged")
    return value


def bit_length(value):
    """Java's ``BigInteger.bitLength()``, which the cap counts: ``int.bit_length`` of ``value`` if it
    is not negative, else of ``~value`` (one less than Python's for -2**k: -2**MAX is allowed)."""
    return value.bit_length() if value >= 0 else (~value).bit_length()


def abbreviated(value):
    """``value`` for a message, like ``BoundedText.abbreviated``: in decimal when it fits in 64 bits,
    else its sign, its top 64 bits in hexadecimal and its bit length (never a whole huge number)."""
    bits = value.bit_length()
    if bits < 64:
        return str(value)
    return f"{'-' if value < 0 else ''}{abs(value) >> (bits - 64):#x}...({bits} bits)"


def _product_bit_length_at_least(a, b):
    """A lower bound on ``(a * b).bit_length()`` for non-zero ints, from their top 30 bits:
    |a| >= ta * 2**sa with ta = |a| >> sa, likewise for b, so |ab| >= P * 2**s with P = ta * tb."""
    sa = max(0, a.bit_length() - 30)
    sb = max(0, b.bit_length() - 30)
    p = (abs(a) >> sa) * (abs(b) >> sb)
    bits = p.bit_length() + sa + sb
    # a negative product's bit_length is that of |ab| - 1, one less when P is a power of two
    negative = (a < 0) != (b < 0)
    return bits - 1 if negative and p & (p - 1) == 0 else bits


def _log2_abs(a):
    import math

    shift = max(0, a.bit_length() - 64)  # keep the top 64 bits, exact enough
    return shift + math.log2(abs(a >> shift))


def _too_large(bits):
    return OverflowError(f"result too large: {bits} bits (limit {MAX_BIT_LENGTH} bits); "
                         "the AtomicInt is unchanged")
