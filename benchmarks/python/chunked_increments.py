"""One thread does TOTAL `n += 1` on an AtomicInt in chunks of CHUNK, from a cold process.

    chunked_increments.py [TOTAL [CHUNK]]     # defaults: 100000000 1000000

The cold-start benchmark (coldstart.py) times whole processes of it: under GraalPy most of a
short run is start-up and JIT warm-up, which is what a user running a script waits for. Prints
the count; on stderr the rate of the first and the last chunk.
"""

import sys
import time

from atomicint import AtomicInt


def chunk(n, times):
    for _ in range(times):
        n += 1
    return n


def main(argv):
    total = int(argv[1]) if len(argv) > 1 else 100_000_000
    size = int(argv[2]) if len(argv) > 2 else 1_000_000
    n = AtomicInt()
    rates = []
    for _ in range(total // size):
        began = time.perf_counter()
        n = chunk(n, size)
        rates.append(size / (time.perf_counter() - began))
    print(int(n))
    print(f"first chunk {rates[0] / 1e6:.1f} M/s, last {rates[-1] / 1e6:.1f} M/s", file=sys.stderr)
    return 0 if int(n) == total // size * size else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
