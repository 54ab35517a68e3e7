"""The Python side of the soak (dev.atomicint.reliability.Soak): worker threads that hammer four
shared AtomicInts with every in-place operator and atomic method, each keeping a ledger from
which the Java side predicts the counters' exact final values.

The counters and what a worker does to each (the Java workers do the same through the Java API):

sum       adds deltas: small ones, and huge ones (about +-2**62, +-2**63, +-2**64, +-2**70) that
          it later takes back, so the value keeps crossing the long range both ways.
          Ledger: the sum of the deltas it applied.
exchange  swaps in values unique to this worker and step (get_and_set, compare_and_set,
          get_and_update), near 0, 2**62, 2**63 and 2**70, of both signs.
          Ledger: the sum and the sum of squares of the values it wrote and of those it got back.
bits      owns the bit positions p < HIGH with p % workers == worker id (worker 0 also owns every
          bit from HIGH up: the sign) and changes only those: ^=, |=, &= ~mask, %= 2**HIGH,
          compare_and_set and update_and_get. It sets bits at 60 and above, or the sign, only
          for one step at a time, so the value keeps crossing the long range.
          Ledger: its own bits as they must now be; after every step it checks them.
product   owns one odd prime p and multiplies by it or floor-divides by it (*=, //=, update
          functions, compare_and_set), shifts left and back right (<<=, >>=), negates
          (*= -1, //= -1) and raises to the power 1 (**= 1, a no-op that must lose no
          concurrent update). Every op is exact whatever the interleaving: the value is always
          initial * (-1)**negations * product(p**k) * 2**shifts over the outstanding factors of
          all workers, so a floor division by one's own outstanding factor never rounds.
          Ledger: its outstanding factor (-1)**neg * p**k * 2**s; after every step it checks
          that its prime divides the value exactly k times.

residue   adds deltas up to +-2**66 and reduces modulo M (a modulus just above 2**64), %= M,
          so the value keeps crossing 2**63. The final value is not predictable, its residue is:
          final = initial + sum of all deltas (mod M), whatever the interleaving, because
          ``%= M`` keeps the residue; a lost or doubled add, or a reduction that lost a
          concurrent add, breaks it. Ledger: the sum of the deltas it added.

A worker reports ``key<TAB>value`` lines: ``ops.<kind>`` counts, the ledgers, ``crossings.up|down.
<counter>`` (how often a value it got back was a long after a non-long, or the other way round),
``violation`` lines for any check that failed while running and ``error`` for an exception.
"""

import random
import threading
import time
import traceback

LONG_MIN = -(1 << 63)
LONG_MAX = (1 << 63) - 1

#: The huge deltas of the sum counter, applied with either sign plus a small jitter.
BIG_DELTAS = (1 << 62, (1 << 63) - 1, 1 << 63, 1 << 64, 1 << 70)

#: The written values of the exchange counter are +-(base + id), id unique and below 2**40.
EXCHANGE_BASES = (0, (1 << 62) - (1 << 40), 1 << 62, (1 << 63) - (1 << 40), 1 << 63, 1 << 70)

#: Bits at and above this position are set only for one step at a time.
TRANSIENT_BITS_FROM = 60

#: A worker's outstanding prime factors and shift stay within these.
MAX_PRIME_POWER = 2
MAX_SHIFT = 6


class Worker:
    def __init__(self, counters, worker_id, workers, high, prime, bits_initial, modulus, seed):
        self.sum, self.exchange, self.bits, self.product, self.residue = counters
        self.id = worker_id
        self.workers = workers
        self.rng = random.Random(seed)
        self.stats = {}
        self.violations = []
        self.last_fits = {}
        # sum
        self.sum_ledger = 0
        self.pending_big = 0
        # exchange
        self.seq = 0
        self.written_sum = self.written_squares = 0
        self.returned_sum = self.returned_squares = 0
        # bits
        self.high = high
        own = [p for p in range(high) if p % workers == worker_id]
        self.low_bits = [1 << p for p in own if p < TRANSIENT_BITS_FROM]
        self.high_bits = [1 << p for p in own if p >= TRANSIENT_BITS_FROM]
        self.high_mask = sum(self.high_bits)
        self.sign_group = -(1 << high) if worker_id == 0 else 0  # every bit from `high` up
        self.own_mask = sum(self.low_bits) + self.high_mask + self.sign_group
        self.own_bits = bits_initial & self.own_mask
        # product
        self.prime = prime
        self.prime_power = 0
        self.shift = 0
        self.negated = False
        # residue
        self.modulus = modulus
        self.residue_ledger = 0

    # ---- bookkeeping

    def count(self, key, amount=1):
        self.stats[key] = self.stats.get(key, 0) + amount

    def op(self, kind):
        self.count("ops." + kind)

    def observe(self, counter, value):
        """Notes a value this worker got back, to count long-range crossings."""
        fits = LONG_MIN <= value <= LONG_MAX
        last = self.last_fits.get(counter)
        if last is not None and last != fits:
            self.count(("crossings.down." if fits else "crossings.up.") + counter)
        self.last_fits[counter] = fits

    def violation(self, text):
        self.count("violations")
        if len(self.violations) < 20:
            self.violations.append(f"worker {self.id}: {text}")

    def inplace(self, counter, kind, apply):
        """Runs ``apply(n)``, an in-place operator; it must give back the same shared object."""
        result = apply(counter)
        if result is not counter:
            self.violation(f"{kind} gave a different object back")
        self.op(kind)

    def cas_loop(self, counter, fn):
        """``value = fn(value)`` by an explicit compare_and_set loop; returns (old, new)."""
        while True:
            old = counter.get()
            new = fn(old)
            if counter.compare_and_set(old, new):
                self.op("compare_and_set loop")
                return old, new
            self.op("compare_and_set failed")

    # ---- sum: value += delta, ledger += delta

    def next_delta(self):
        rng = self.rng
        if self.pending_big and rng.random() < 0.5:
            return -self.pending_big
        if not self.pending_big and rng.random() < 0.15:
            return rng.choice(BIG_DELTAS) * rng.choice((1, -1)) + rng.randint(-3, 3)
        return rng.randint(-1000, 1000)

    def sum_step(self):
        n = self.sum
        d = self.next_delta()
        which = self.rng.randrange(9)
        if which == 0:
            self.inplace(n, "+=", lambda x: _iadd(x, d))
        elif which == 1:
            self.inplace(n, "-=", lambda x: _isub(x, -d))
        elif which == 2:
            self.observe("sum", n.get_and_add(d))
            self.op("get_and_add")
        elif which == 3:
            self.observe("sum", n.add_and_get(d))
            self.op("add_and_get")
        elif which == 4:
            self.observe("sum", n.increment_and_get(d))
            self.op("increment_and_get")
        elif which == 5:
            self.observe("sum", n.get_and_decrement(-d))
            self.op("get_and_decrement")
        elif which == 6:
            self.observe("sum", n.update_and_get(lambda v: v + d))
            self.op("update_and_get")
        elif which == 7:
            self.observe("sum", n.get_and_update(lambda v: v + d))
            self.op("get_and_update")
        else:
            self.observe("sum", self.cas_loop(n, lambda v: v + d)[1])
        self.sum_ledger += d
        if self.pending_big:
            if d == -self.pending_big:
                self.pending_big = 0
        elif abs(d) > 1000:
            self.pending_big = d

    # ---- exchange: value <-> unique written value

    def unique_value(self):
        self.seq += 1
        ident = self.seq * self.workers + self.id  # unique per worker and step, > 0, < 2**40
        return self.rng.choice((1, -1)) * (self.rng.choice(EXCHANGE_BASES) + ident)

    def exchange_step(self):
        n = self.exchange
        w = self.unique_value()
        which = self.rng.randrange(3)
        if which == 0:
            old = n.get_and_set(w)
            self.op("get_and_set")
        elif which == 1:
            old = n.get_and_update(lambda v: w)
            self.op("get_and_update")
        else:
            old = self.cas_loop(n, lambda v: w)[0]
        self.observe("exchange", old)
        self.written_sum += w
        self.written_squares += w * w
        self.returned_sum += old
        self.returned_squares += old * old

    # ---- bits: only this worker's own positions change, and it always knows them

    def bits_step(self):
        n = self.bits
        rng = self.rng
        transient = self.own_bits & self.high_mask
        if transient:
            self.apply_bits("clear", transient)
        elif self.sign_group and self.own_bits < 0:
            which = rng.randrange(3)
            if which == 0:
                self.inplace(n, "%=", lambda x: _imod(x, 1 << self.high))
            elif which == 1:
                self.inplace(n, "&=", lambda x: _iand(x, (1 << self.high) - 1))
            else:
                self.inplace(n, "^=", lambda x: _ixor(x, self.sign_group))
            self.own_bits -= self.sign_group
        elif self.sign_group and rng.random() < 0.06:
            if rng.randrange(2):
                self.inplace(n, "|=", lambda x: _ior(x, self.sign_group))
            else:
                self.inplace(n, "^=", lambda x: _ixor(x, self.sign_group))
            self.own_bits += self.sign_group
        elif self.high_bits and rng.random() < 0.12:
            self.apply_bits("set", rng.choice(self.high_bits))
        else:
            mask = 0
            while not mask:
                mask = sum(b for b in self.low_bits if rng.random() < 0.3)
            self.apply_bits(rng.choice(("set", "clear", "toggle")), mask)
        self.check_bits(n.get())

    def apply_bits(self, action, mask):
        """Sets, clears or toggles ``mask`` (own bits below the sign) by a randomly chosen op."""
        n = self.bits
        fn = {"set": lambda v: v | mask, "clear": lambda v: v & ~mask, "toggle": lambda v: v ^ mask}[action]
        target = fn(self.own_bits)
        how = self.rng.randrange(4)
        if how == 0:  # the operator of the action
            if action == "set":
                self.inplace(n, "|=", lambda x: _ior(x, mask))
            elif action == "clear":
                self.inplace(n, "&=", lambda x: _iand(x, ~mask))
            else:
                self.inplace(n, "^=", lambda x: _ixor(x, mask))
        elif how == 1:  # flip exactly the bits that change
            flips = target ^ self.own_bits
            self.inplace(n, "^=", lambda x: _ixor(x, flips))
        elif how == 2:
            self.observe("bits", n.update_and_get(fn))
            self.op("update_and_get")
        else:
            self.observe("bits", self.cas_loop(n, fn)[1])
        self.own_bits = target

    def check_bits(self, value):
        self.observe("bits", value)
        if value & self.own_mask != self.own_bits:
            self.violation(f"bits: own bits {value & self.own_mask:#x}, expected {self.own_bits:#x}")

    # ---- product: exact multiplications and divisions by own factors only

    def product_step(self):
        n = self.product
        rng = self.rng
        p = self.prime
        which = rng.randrange(7)
        if which <= 2:
            grow = self.prime_power == 0 or (self.prime_power < MAX_PRIME_POWER and rng.random() < 0.3)
            how = rng.randrange(4)
            if grow:
                if how == 0:
                    self.inplace(n, "*=", lambda x: _imul(x, p))
                elif how == 1:
                    self.observe("product", n.update_and_get(lambda v: v * p))
                    self.op("update_and_get")
                elif how == 2:
                    self.observe("product", n.get_and_update(lambda v: v * p))
                    self.op("get_and_update")
                else:
                    self.cas_loop(n, lambda v: v * p)
                self.prime_power += 1
            else:
                if how <= 1:
                    self.inplace(n, "//=", lambda x: _ifloordiv(x, p))
                elif how == 2:
                    self.observe("product", n.update_and_get(lambda v: v // p))
                    self.op("update_and_get")
                else:
                    self.cas_loop(n, lambda v: v // p)
                self.prime_power -= 1
        elif which <= 4:
            if self.shift == 0 or (self.shift < MAX_SHIFT and rng.random() < 0.4):
                j = rng.randint(1, MAX_SHIFT - self.shift)
                self.inplace(n, "<<=", lambda x: _ilshift(x, j))
                self.shift += j
            else:
                j = rng.randint(1, self.shift)
                self.inplace(n, ">>=", lambda x: _irshift(x, j))
                self.shift -= j
        elif which == 5:
            how = rng.randrange(3)
            if how == 0:
                self.inplace(n, "*=", lambda x: _imul(x, -1))
            elif how == 1:
                self.inplace(n, "//=", lambda x: _ifloordiv(x, -1))
            else:
                self.observe("product", n.update_and_get(lambda v: -v))
                self.op("update_and_get")
            self.negated = not self.negated
        else:
            self.inplace(n, "**=", lambda x: _ipow(x, 1))
        self.check_product(n.get())

    def check_product(self, value):
        self.observe("product", value)
        p, k = self.prime, self.prime_power
        if value == 0 or value % p**k != 0 or (value // p**k) % p == 0:
            self.violation(f"product: {value} does not hold prime {p} exactly {k} times")

    def product_factor(self):
        return (-1 if self.negated else 1) * self.prime**self.prime_power << self.shift

    # ---- residue: additions and reductions modulo M

    def residue_step(self):
        n = self.residue
        rng = self.rng
        which = rng.randrange(3)
        if which == 0:
            d = rng.randint(-(1 << 66), 1 << 66)
            self.inplace(n, "+=", lambda x: _iadd(x, d))
        elif which == 1:
            d = rng.randint(-1000, 1000)
            self.inplace(n, "-=", lambda x: _isub(x, -d))
        else:
            d = 0
            self.inplace(n, "%=", lambda x: _imod(x, self.modulus))
            self.observe("residue", n.get())
        self.residue_ledger += d

    # ---- running

    def step(self):
        which = self.rng.randrange(5)
        if which == 0:
            self.sum_step()
        elif which == 1:
            self.exchange_step()
        elif which == 2:
            self.bits_step()
        elif which == 3:
            self.product_step()
        else:
            self.residue_step()

    def run(self, go, stop):
        try:
            while go.get() == 0:
                time.sleep(0.01)
            while stop.get() == 0:
                for _ in range(16):
                    self.step()
        except BaseException:
            self.count("errors")
            self.violations.append(f"worker {self.id}: error: " + traceback.format_exc())

    def report(self):
        lines = [f"{key}\t{value}" for key, value in sorted(self.stats.items())]
        lines += [
            f"sum.ledger\t{self.sum_ledger}",
            f"exchange.written.sum\t{self.written_sum}",
            f"exchange.written.squares\t{self.written_squares}",
            f"exchange.returned.sum\t{self.returned_sum}",
            f"exchange.returned.squares\t{self.returned_squares}",
            f"bits.own\t{self.own_bits}",
            f"product.factor\t{self.product_factor()}",
            f"residue.ledger\t{self.residue_ledger}",
        ]
        lines += ["violation\t" + v.replace("\n", " | ") for v in self.violations]
        return "\n".join(lines)


# In-place operators as functions of the shared object: ``x op= y`` rebinds only the local x.

def _iadd(x, y):
    x += y
    return x


def _isub(x, y):
    x -= y
    return x


def _imul(x, y):
    x *= y
    return x


def _ifloordiv(x, y):
    x //= y
    return x


def _imod(x, y):
    x %= y
    return x


def _ipow(x, y):
    x **= y
    return x


def _ilshift(x, y):
    x <<= y
    return x


def _irshift(x, y):
    x >>= y
    return x


def _iand(x, y):
    x &= y
    return x


def _ior(x, y):
    x |= y
    return x


def _ixor(x, y):
    x ^= y
    return x


def run(sum_counter, exchange, bits, product, residue, ready, go, stop, first_id, workers, high, primes, bits_initial,
        modulus, seed):
    """Starts one worker thread per prime in ``primes`` (a comma-separated string) with ids from
    ``first_id``, signals ``ready`` as each starts, works from ``go`` until ``stop``; returns the
    workers' reports. Big numbers come as decimal strings."""
    counters = (sum_counter, exchange, bits, product, residue)
    primes = [int(p) for p in primes.split(",")]
    bits_initial = int(bits_initial)
    modulus = int(modulus)
    reports = [None] * len(primes)

    def work(index):
        worker = Worker(counters, first_id + index, workers, high, primes[index], bits_initial, modulus,
                        seed + first_id + index)
        ready.increment_and_get()
        worker.run(go, stop)
        reports[index] = worker.report()

    threads = [threading.Thread(target=work, args=(i,), name=f"soak-worker-{first_id + i}") for i in range(len(primes))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [r if r is not None else f"errors\t1\nviolation\tworker thread {i} ended without a report"
            for i, r in enumerate(reports)]


run
