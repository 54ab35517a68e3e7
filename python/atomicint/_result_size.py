"""The 2**28-bit cap on results, for the portable backend: Java's ``dev.atomicint.ResultSize``.

An AtomicInt refuses a result of more than :data:`MAX_BIT_LENGTH` bits with ``OverflowError``
and keeps its value, on every backend. Only multiplication, power and left shift can make a
result much larger than their operands, so only they are checked: before computing, from the
operands' bit lengths and top bits (an absurd request such as ``n <<= 10**12`` fails at once),
and after computing, on the exact bit length (no result ever exceeds the cap).
"""

import math

__all__ = ["MAX_BIT_LENGTH", "check_before", "check_after"]

#: The largest bit length a result of ``*=``, ``**=`` or ``<<=`` may have: ``IntOp.MAX_BIT_LENGTH``.
MAX_BIT_LENGTH = 1 << 28

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
        if a not in (0, 1, -1):
            # |a ** b| has floor(b * log2|a|) + 1 bits (one less for a negative power of two)
            estimate = math.inf if b.bit_length() > 64 else b * _log2_abs(a)
            if estimate > MAX_BIT_LENGTH + _POWER_ESTIMATE_MARGIN:
                raise _too_large(f"about {estimate:.4g}")
    elif op == "lshift":
        if a and a.bit_length() + b > MAX_BIT_LENGTH:  # exact: bit_length(a << b) == bit_length(a) + b
            raise _too_large(str(a.bit_length() + b))


def check_after(op, result):
    """Return ``result``, or raise ``OverflowError`` when ``op`` made it exceed the cap."""
    if (op == "mul" or op == "pow") and result.bit_length() > MAX_BIT_LENGTH:
        raise _too_large(str(result.bit_length()))
    return result


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
    shift = max(0, a.bit_length() - 64)  # keep the top 64 bits, exact enough
    return shift + math.log2(abs(a >> shift))


def _too_large(bits):
    return OverflowError(f"result too large: {bits} bits (limit {MAX_BIT_LENGTH} bits); "
                         "the AtomicInt is unchanged")
