"""The training run behind bin/atomicint-java's AOT cache: what a typical start-up loads.

The JVM records the classes this run loads and links (GraalPy's start-up, site, the import of
atomicint, threads and AtomicInt updates, a traceback, runpy) and keeps them in
target/graal/python.aot, which every later run maps instead of loading those classes again.
"""

import runpy
import sys
import threading
import traceback

from atomicint import AtomicInt


def count(n, times):
    for _ in range(times):
        n += 1


n = AtomicInt()
threads = [threading.Thread(target=count, args=(n, 20_000)) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert n == 80_000, n
n *= 2**100
n //= 3
assert n.get() == 80_000 * 2**100 // 3
try:
    n //= 0
except ZeroDivisionError:
    traceback.format_exc()
print(f"{n:,}", file=sys.stderr)
