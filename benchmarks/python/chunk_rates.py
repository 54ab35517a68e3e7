"""Ten (or ARGV[1]) chunks of 1,000,000 `n += 1` on an AtomicInt inside a function; prints each chunk's rate in M/s.

The script EngineSharing.java runs in each context (docs/launcher.md, "Resident server").
"""
import time, sys
from atomicint import AtomicInt
n = AtomicInt()
def f(n, k):
    for _ in range(k):
        n += 1
    return n
out = []
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 6):
    t = time.perf_counter()
    n = f(n, 1_000_000)
    out.append(round(1/(time.perf_counter()-t), 1))
print("M/s per 1M chunk:", out)
