"""Every in-place operator is atomic across Python threads: no update is lost."""

import threading
import unittest

from atomicint import AtomicInt

THREADS = 4
ITERATIONS = 500


def hammer(n, update, threads=THREADS, iterations=ITERATIONS):
    """Run `update(n, thread_index)` `iterations` times in each of `threads` threads."""
    barrier = threading.Barrier(threads)

    def work(index):
        barrier.wait()
        for _ in range(iterations):
            update(n, index)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return n.get()


def add(n, i):
    n += 1


def sub(n, i):
    n -= 3


def mul(n, i):
    n *= 2


def floordiv(n, i):
    n //= 2


def lshift(n, i):
    n <<= 1


def rshift(n, i):
    n >>= 1


def pow_(n, i):
    n **= 1
    n += 1


def mod(n, i):
    n += 7
    n %= 2**62


def or_(n, i):
    n |= 1 << (i * ITERATIONS + or_.count[i])
    or_.count[i] += 1


def and_(n, i):
    n &= ~(1 << (i * ITERATIONS + and_.count[i]))
    and_.count[i] += 1


def xor(n, i):
    n ^= 1 << (i * ITERATIONS + xor.count[i])
    xor.count[i] += 1


class EveryInPlaceOperatorIsAtomicAcrossThreads(unittest.TestCase):
    TOTAL = THREADS * ITERATIONS

    def test_add(self):
        self.assertEqual(hammer(AtomicInt(0), add), self.TOTAL)

    def test_sub_crossing_below_the_long_range(self):
        self.assertEqual(hammer(AtomicInt(-(2**63) + 100), sub), -(2**63) + 100 - 3 * self.TOTAL)

    def test_mul(self):
        self.assertEqual(hammer(AtomicInt(1), mul), 2**self.TOTAL)

    def test_floordiv(self):
        self.assertEqual(hammer(AtomicInt(2**self.TOTAL), floordiv), 1)

    def test_lshift(self):
        self.assertEqual(hammer(AtomicInt(3), lshift), 3 << self.TOTAL)

    def test_rshift(self):
        self.assertEqual(hammer(AtomicInt(5 << self.TOTAL), rshift), 5)

    def test_pow_interleaved_with_add(self):
        self.assertEqual(hammer(AtomicInt(0), pow_), self.TOTAL)

    def test_mod_interleaved_with_add(self):
        self.assertEqual(hammer(AtomicInt(0), mod), 7 * self.TOTAL)

    def test_or_sets_every_threads_bits(self):
        or_.count = [0] * THREADS
        self.assertEqual(hammer(AtomicInt(0), or_), 2**self.TOTAL - 1)

    def test_and_clears_every_threads_bits(self):
        and_.count = [0] * THREADS
        self.assertEqual(hammer(AtomicInt(2**self.TOTAL - 1 + 2**self.TOTAL), and_), 2**self.TOTAL)

    def test_xor_toggles_every_threads_bits(self):
        xor.count = [0] * THREADS
        self.assertEqual(hammer(AtomicInt(0), xor), 2**self.TOTAL - 1)

    def test_compare_and_set_loops_count_exactly(self):
        def cas_increment(n, i):
            while True:
                current = n.get()
                if n.compare_and_set(current, current + 1):
                    return

        self.assertEqual(hammer(AtomicInt(0), cas_increment), self.TOTAL)

    def test_update_and_get_counts_exactly(self):
        self.assertEqual(hammer(AtomicInt(2**63 - 10), lambda n, i: n.update_and_get(lambda v: v + 1)),
                         2**63 - 10 + self.TOTAL)


if __name__ == "__main__":
    unittest.main()
