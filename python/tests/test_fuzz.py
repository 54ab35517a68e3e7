"""Fuzz: random operation sequences on an AtomicInt and on a shadow ``int``.

Every step either matches ``int`` (same result; an in-place operator returns the same
AtomicInt, which then holds ``int``'s result) or raises the exception type ``int`` raises,
with the AtomicInt's value unchanged. Where the package deliberately differs from ``int``
the expectation is the documented rule, named in ``RULES``; each case counts which rules
decided its outcomes, prints the counts, and fails if a rule it is meant to exercise never
fired.

Reproducing: every sequence has its own seed, printed (with the case's seed range) on
stderr and named in every failure message, with its last steps. Where Python sees the
environment (bin/atomicint-python; not the JUnit runner), ``ATOMICINT_FUZZ_SEED=<seed>``
reruns just that sequence in each case and ``ATOMICINT_FUZZ_SEQUENCES=<count>`` runs more
sequences per case, e.g. from python/tests:
``ATOMICINT_FUZZ_SEED=1003 ../../bin/atomicint-python -m unittest test_fuzz``.
"""

import collections
import math
import operator
import os
import random
import sys
import unittest

from atomicint import AtomicInt
from atomicint._result_size import MAX_BIT_LENGTH

#: IntOp.MAX_BIT_LENGTH: larger results raise OverflowError (RULES["too large"]).
MAX_BITS = MAX_BIT_LENGTH
#: Results estimated above this many bits (but under the limit) are not generated: too slow to compute.
SAFE_BITS = 20_000
#: A value past this size is reset to a smaller one (with ``set``), to keep every step fast.
RESET_BITS = 4_000

RULES = {
    "int subclass": "an int subclass operand counts at its int value (int.__int__): its own "
                    "__index__, __int__ and operator overrides (__radd__...) are not asked",
    "not an int result": "an update whose int result would not be an int (a float, a complex, a str...) "
                         "raises TypeError: /=, **= with a negative exponent, float and complex operands",
    "refused operand": "an operand that is neither an int (bool, subclass, AtomicInt) nor a float or "
                       "complex raises TypeError without being asked (no __radd__, no __index__)",
    "too large": "a result over 2**20 bits raises OverflowError at once (int would compute it, or "
                 "raise MemoryError after a long time)",
    "graalpy int": "where GraalPy 25.0.3's own int differs from CPython, an AtomicInt answers as CPython: "
                   "(-1) ** e is 1 for an even e >= 2**63 (GraalPy: -1), 0 << c is 0 for 2**31 <= c < 2**63 "
                   "(GraalPy: OverflowError)",
}

SYMBOLS = ["+=", "-=", "*=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "/=", "@="]


def _inplace_function(symbol):
    scope = {}
    exec(f"def update(x, y):\n    x {symbol} y\n    return x", scope)
    return scope["update"]


INPLACE = {symbol: _inplace_function(symbol) for symbol in SYMBOLS}


# ---- the operand zoo ------------------------------------------------------------


class PlainSub(int):
    pass


class LyingIndex(int):
    """Its __index__ and __int__ lie about its value."""

    def __index__(self):
        return 1000

    __int__ = __index__


class RaisingIndex(int):
    def __index__(self):
        raise RuntimeError("RaisingIndex.__index__")

    __int__ = __index__


REFLECTED = ["__radd__", "__rsub__", "__rmul__", "__rfloordiv__", "__rmod__", "__rpow__", "__rlshift__",
             "__rrshift__", "__rand__", "__ror__", "__rxor__", "__rtruediv__"]


class OverridingOps(int):
    """Arithmetic of its own: `x op= it` on an int asks its reflected method first, which adds 1000."""


class StrReflected(int):
    """Its reflected operators answer a str: `x op= it` on an int makes x that str."""


for _name in REFLECTED:
    setattr(OverridingOps, _name, lambda self, other, _name=_name: getattr(int, _name)(self, other) + 1000)
    setattr(StrReflected, _name, lambda self, other: "reflected")
del _name


class IndexOK:
    def __index__(self):
        return 3


class IndexLies:
    def __index__(self):
        return "three"


class IndexRaises:
    def __index__(self):
        raise ValueError("IndexRaises.__index__")


class ReflectedOps:
    """Answers every reflected arithmetic operator with 42, so `x op= it` makes an int 42 of x."""

    def _answer(self, other):
        return 42

    __radd__ = __rsub__ = __rmul__ = __rfloordiv__ = __rmod__ = __rpow__ = _answer
    __rlshift__ = __rrshift__ = __rand__ = __ror__ = __rxor__ = __rtruediv__ = __rmatmul__ = _answer


class Boom(Exception):
    pass


SELF = object()  # marks "the AtomicInt itself" as the operand
REFUSED = object()  # marks a method step whose arguments are not all ints
NO_OPERAND = object()


def boundary(rng):
    base = rng.choice([0, 1, 2**31, 2**62, 2**63, 2**64, 2**100])
    return rng.choice([1, -1]) * base + rng.randint(-2, 2)


def int_value(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return rng.randint(-3, 3)
    if kind == 1:
        return boundary(rng)
    if kind == 2:
        return rng.randint(-(2**200), 2**200)
    if kind == 3:
        return rng.choice([2**200, -(2**200), 2**200 - 1, -(2**200) + 1])
    return rng.randint(-1000, 1000)


def operand(rng):
    kind = rng.randrange(20)
    if kind < 8:
        return int_value(rng)
    if kind == 8:
        return rng.choice([True, False])
    if kind == 9:
        cls = rng.choice([PlainSub, LyingIndex, RaisingIndex, OverridingOps, StrReflected])
        return cls(rng.choice([0, 1, -1, 2, 3, 7, 2**63, -(2**64), 2**200]))
    if kind == 10:
        return rng.choice([IndexOK(), IndexLies(), IndexRaises(), ReflectedOps()])
    if kind == 11:
        return rng.choice([0.0, -0.0, 1.5, 2.0, -2.5, 1e300, math.inf, math.nan])
    if kind == 12:
        return rng.choice([1j, 0j, complex(2, 0)])
    if kind == 13:
        return rng.choice(["7", None, [1], b"1"])
    if kind == 14:
        return AtomicInt(int_value(rng))
    if kind == 15:
        return SELF
    if kind == 16:
        return rng.choice([10**12, 2**64, 2**200, -(10**12)])  # absurd exponents and shift counts
    return rng.randint(-5, 70)  # small exponents and shift counts


def is_int_like(value):
    return isinstance(value, (int, AtomicInt))


def exact(value):
    """The int an int-like operand counts as (RULES["int subclass"])."""
    return value.get() if isinstance(value, AtomicInt) else int.__int__(value)


def describe(value):
    if value is SELF:
        return "n (itself)"
    if isinstance(value, AtomicInt):
        return f"AtomicInt({value.get()})"
    text = repr(value) if not isinstance(value, int) or value.bit_length() < 300 else f"<{value.bit_length()}-bit int>"
    return text if type(value) in (int, float, complex, bool, str, bytes, list, type(None)) else f"{type(value).__name__}({text})"


# ---- the shadow int: what int does, and the documented rules ----------------------


def estimated_bits(symbol, x, y):
    """About how many bits `x symbol y` has, for the operations that can grow a value; else 0."""
    if type(y) is not int or x == 0:
        return 0
    if symbol == "**=" and y > 0 and abs(x) > 1:
        return y * math.log2(abs(x))
    if symbol == "<<=" and y > 0:
        return x.bit_length() + y
    if symbol == "*=":
        return x.bit_length() + y.bit_length()
    return 0


def graalpy_int_quirk(symbol, x, y):
    """Whether GraalPy's int answers `x symbol y` unlike CPython (RULES["graalpy int"])."""
    if type(y) is not int:
        return False
    return ((symbol == "**=" and x == -1 and y >= 2**63 and y % 2 == 0)
            or (symbol == "<<=" and x == 0 and 2**31 <= y < 2**63))


def plain_int_outcome(symbol, x, y):
    """(result, exception type) of `x symbol y` on the plain int x, as CPython answers."""
    if graalpy_int_quirk(symbol, x, y):
        return (1 if symbol == "**=" else 0), None
    try:
        return INPLACE[symbol](x, y), None
    except Exception as error:  # noqa: BLE001 - the type is what is compared
        return None, type(error)


def expected_inplace(symbol, x, y, rules):
    """(new value, exception type) the AtomicInt must show for `n symbol y` when n holds x."""
    if is_int_like(y):
        value = exact(y)
        bits = estimated_bits(symbol, x, value)
        if bits > MAX_BITS + 64:
            rules["too large"] += 1
            return x, OverflowError
        result, error = plain_int_outcome(symbol, x, value)
        if type(y) not in (int, bool) and not isinstance(y, AtomicInt):
            if (result, error) != plain_int_outcome(symbol, x, y):
                rules["int subclass"] += 1
        if graalpy_int_quirk(symbol, x, value):
            rules["graalpy int"] += 1
        if error is not None:
            return x, error
        if type(result) is not int:
            rules["not an int result"] += 1
            return x, TypeError
        return result, None
    if type(y) in (float, complex):
        result, error = plain_int_outcome(symbol, x, y)
        if error is not None:
            return x, error
        rules["not an int result"] += 1
        return x, TypeError
    # anything else: refused without being asked (a str operand of *= is not even tried on a big x)
    if not (symbol == "*=" and isinstance(y, (str, bytes, list)) and abs(x) > 1000):
        if plain_int_outcome(symbol, x, y) != (None, TypeError):
            rules["refused operand"] += 1
    return x, TypeError


def outcome(call):
    """(returned value, exception) of call()."""
    try:
        return call(), None
    except Exception as error:  # noqa: BLE001
        return None, error


# ---- the fuzzer --------------------------------------------------------------------


class Sequence:
    """One random sequence on one AtomicInt and its shadow int."""

    def __init__(self, case, seed, rules):
        self.case = case
        self.seed = seed
        self.rng = random.Random(seed)
        self.rules = rules
        self.history = []
        start = int_value(self.rng)
        self.n = AtomicInt(start)
        self.x = start
        self.history.append(f"n = AtomicInt({describe(start)})")

    def fail(self, message):
        steps = "\n  ".join(self.history[-8:])
        self.case.fail(f"seed {self.seed}, step {len(self.history) - 1}: {message}\n  last steps:\n  {steps}")

    def check_value(self):
        actual = self.n.get()
        if type(actual) is not int or actual != self.x:
            self.fail(f"AtomicInt holds {describe(actual)}, the shadow int {describe(self.x)}")

    def expect(self, call, returned, error_type, same_error=None, after=None):
        """Run call(); it must return `returned` (compared with ==, and by identity when it is
        the AtomicInt) and leave the value `after` (None: unchanged), or raise `error_type` (or
        exactly `same_error`) and leave the value unchanged."""
        actual, error = outcome(call)
        if error_type is not None or same_error is not None:
            if error is None:
                self.fail(f"returned {describe(actual)}, expected {(same_error or error_type)!r}")
            if same_error is not None and error is not same_error:
                self.fail(f"raised {error!r}, expected that very exception {same_error!r}")
            if same_error is None and type(error) is not error_type:
                self.fail(f"raised {type(error).__name__}: {error}, expected {error_type.__name__}")
        else:
            if error is not None:
                self.fail(f"raised {type(error).__name__}: {error}, expected {describe(returned)}")
            if returned is self.n:
                if actual is not self.n:
                    self.fail(f"returned {describe(actual)}, not the same AtomicInt")
            elif type(actual) is not type(returned) or actual != returned:
                self.fail(f"returned {describe(actual)}, expected {describe(returned)}")
            if after is not None:
                self.x = after
        self.check_value()

    def keep_small(self):
        if self.x.bit_length() > RESET_BITS:
            self.x = self.x % 2**100 - 2**99
            self.n.set(self.x)
            self.history.append(f"n.set({describe(self.x)})  # reset, to stay fast")

    # -- in-place operators

    def inplace_step(self):
        symbol = self.rng.choice(SYMBOLS)
        y = operand(self.rng)
        value = self.x if y is SELF else exact(y) if is_int_like(y) else None
        if value is not None and SAFE_BITS < estimated_bits(symbol, self.x, value) <= MAX_BITS + 64:
            y = self.rng.randint(0, 3)  # would be slow to compute, and is not absurd: pick a small operand
        actual_operand = self.n if y is SELF else y
        self.history.append(f"n {symbol} {describe(y)}   # n was {describe(self.x)}")
        new, error = expected_inplace(symbol, self.x, self.x if y is SELF else y, self.rules)
        self.expect(lambda: INPLACE[symbol](self.n, actual_operand), self.n, error, after=new)
        self.keep_small()

    # -- the atomic methods

    def argument(self):
        y = operand(self.rng)
        return self.n if y is SELF else y

    def method_step(self):
        rng, n, x = self.rng, self.n, self.x
        kind = rng.randrange(12)
        if kind == 0:
            v = self.argument()
            self.call(f"n.set({describe(v)})", lambda: n.set(v), None, lambda: exact(v), v)
        elif kind == 1:
            v = self.argument()

            def assign():
                n.value = v
            self.call(f"n.value = {describe(v)}", assign, None, lambda: exact(v), v)
        elif kind == 2:
            v = self.argument()
            self.call(f"n.get_and_set({describe(v)})", lambda: n.get_and_set(v), x, lambda: exact(v), v)
        elif kind == 3:
            expected = x if rng.random() < 0.5 else self.argument()
            new = self.argument()
            if is_int_like(expected) and is_int_like(new):
                hit = exact(expected) == x
                self.call(f"n.compare_and_set({describe(expected)}, {describe(new)})",
                          lambda: n.compare_and_set(expected, new), hit, (lambda: exact(new)) if hit else (lambda: x))
            else:
                self.call(f"n.compare_and_set({describe(expected)}, {describe(new)})",
                          lambda: n.compare_and_set(expected, new), None, None, REFUSED)
        elif kind in (4, 5):
            d = self.argument()
            name = "get_and_add" if kind == 4 else "add_and_get"
            method = getattr(n, name)
            if is_int_like(d):
                dv = exact(d)
                self.call(f"n.{name}({describe(d)})", lambda: method(d), x if kind == 4 else x + dv, lambda: x + dv)
            else:
                self.call(f"n.{name}({describe(d)})", lambda: method(d), None, None, REFUSED)
        elif kind in (6, 7, 8, 9):
            name = ["increment_and_get", "get_and_increment", "decrement_and_get", "get_and_decrement"][kind - 6]
            method = getattr(n, name)
            if rng.random() < 0.4:
                args, a = (), 1
            else:
                arg = self.argument()
                args, a = (arg,), exact(arg) if is_int_like(arg) else None
            text = f"n.{name}({', '.join(describe(v) for v in args)})"
            if a is None:
                self.call(text, lambda: method(*args), None, None, REFUSED)
            else:
                new = x + a if "increment" in name else x - a
                self.call(text, lambda: method(*args), new if name.endswith("and_get") else x, lambda: new)
        elif kind in (10, 11):
            self.update_step(kind == 10)

    def call(self, text, call, returned, new_value, argument=NO_OPERAND):
        """A method step: returns `returned` and makes the value new_value(), or, when
        `argument` is not an int (or is REFUSED), raises TypeError and changes nothing."""
        self.history.append(f"{text}   # n was {describe(self.x)}")
        if argument is not NO_OPERAND and not is_int_like(argument):
            self.expect(call, None, TypeError)
            return
        self.expect(call, returned, None, after=new_value() if new_value is not None else None)
        self.keep_small()

    def update_step(self, returns_new):
        rng, n, x = self.rng, self.n, self.x
        name = "update_and_get" if returns_new else "get_and_update"
        boom = Boom("from the update function")

        def explode(v):
            raise boom

        text, fn = rng.choice([
            ("lambda v: 3 * v + 1", lambda v: 3 * v + 1),
            ("lambda v: -v", lambda v: -v),
            ("lambda v: v // 2 + n.get() // 2  (reads n)", lambda v: v // 2 + n.get() // 2),
            ("lambda v: PlainSub(v + 5)", lambda v: PlainSub(v + 5)),
            ("lambda v: v > 0  (a bool)", lambda v: v > 0),
            ("lambda v: v / 2", lambda v: v / 2),
            ("lambda v: str(v)", lambda v: str(v)),
            ("raise Boom", explode),
        ])
        self.history.append(f"n.{name}({text})   # n was {describe(x)}")
        method = getattr(n, name)
        plain, error = outcome(lambda: fn(x))  # the function on the shadow int (n reads x now)
        if error is not None:
            # an exception in the function propagates as itself: the very same object
            self.expect(lambda: method(fn), None, None, same_error=error)
        elif not isinstance(plain, int):
            self.expect(lambda: method(fn), None, TypeError)  # not an int: TypeError, nothing changes
        else:
            new = int.__int__(plain)
            self.expect(lambda: method(fn), new if returns_new else x, None, after=new)
            self.keep_small()

    # -- reads

    def read_step(self):
        n, x = self.n, self.x
        self.history.append(f"reads   # n is {describe(x)}")
        self.expect(lambda: (n.get(), n.value, int(n), operator.index(n), bool(n), n == x, n < x + 1, n >= x + 1,
                             n.bit_length(), str(n)),
                    (x, x, x, x, bool(x), True, True, False, x.bit_length(), str(x)), None)
        expected_float = outcome(lambda: float(x))
        actual_float = outcome(lambda: float(n))
        if (actual_float[0], type(actual_float[1])) != (expected_float[0], type(expected_float[1])):
            self.fail(f"float(n) gave {actual_float}, float(int) {expected_float}")
        self.expect(lambda: hash(n), None, TypeError)  # mutable, so unhashable (documented)


def _env_int(name):
    value = os.environ.get(name)
    return int(value) if value else None


class FuzzAgainstInt(unittest.TestCase):
    """Each case runs its own seeded sequences; see the module doc to reproduce one."""

    SEQUENCES = 6
    STEPS = 40

    def run_sequences(self, base_seed, step_kinds, must_fire=()):
        rules = collections.Counter()
        only = _env_int("ATOMICINT_FUZZ_SEED")
        count = _env_int("ATOMICINT_FUZZ_SEQUENCES") or self.SEQUENCES
        seeds = [only] if only is not None else range(base_seed, base_seed + count)
        steps = 0
        for seed in seeds:
            sequence = Sequence(self, seed, rules)
            for _ in range(self.STEPS):
                getattr(sequence, sequence.rng.choice(step_kinds))()
                steps += 1
        print(f"{self.id()}: seeds {seeds[0]}..{seeds[-1]}, {steps} steps; documented rules applied: {dict(rules)}",
              file=sys.stderr)
        if only is None:
            for rule in must_fire:
                self.assertGreater(rules[rule], 0, f"the fuzz never exercised the rule {rule!r}: {RULES[rule]}")
        return steps

    def test_inplace_operator_sequences(self):
        self.run_sequences(1000, ["inplace_step"],
                           must_fire=["int subclass", "not an int result", "refused operand", "too large"])

    def test_atomic_method_sequences(self):
        self.run_sequences(2000, ["method_step"])

    def test_mixed_sequences_with_reads(self):
        self.run_sequences(3000, ["inplace_step", "inplace_step", "method_step", "read_step"])


if __name__ == "__main__":
    unittest.main()
