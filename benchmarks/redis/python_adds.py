"""Redis-backed `n += 1` throughput from THREADS Python threads: prints cold and warm ops/s.

Usage: python_adds.py URL THREADS SECONDS [WARMUP [START_AT [NAMES]]] (run by benchmarks/redis/run
under bin/atomicint-python). NAMES (default 1): thread t adds to the AtomicInt named
bench:python:(t mod NAMES), so that on a cluster the names spread over the nodes. The threads loop from the start; "cold" is the rate over the first SECONDS
(what a fresh process gets, GraalPy's JIT still compiling), "warm" the rate over SECONDS once
WARMUP seconds have passed. START_AT, a Unix time, lines up the windows of several processes.
"""

import sys
import threading
import time

import atomicint

url, threads, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
warmup = float(sys.argv[4]) if len(sys.argv) > 4 else 20.0
start_at = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
names = int(sys.argv[6]) if len(sys.argv) > 6 else 1

with atomicint.connect(url) as store:
    counters = [store.atomic_int(f"bench:python:{i}") for i in range(names)]
    counts = [0] * threads
    stop = threading.Event()
    start = threading.Barrier(threads + 1)

    def work(index):
        n = counters[index % names]
        start.wait()
        while not stop.is_set():
            for _ in range(50):
                n += 1
            counts[index] += 50

    def rate(window):
        """ops/s over the next `window` seconds."""
        before, began = sum(counts), time.monotonic()
        time.sleep(window)
        return (sum(counts) - before) / (time.monotonic() - began)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    time.sleep(max(0.0, start_at - time.time()))
    start.wait()
    cold = rate(seconds)
    time.sleep(max(0.0, warmup - seconds))
    warm = rate(seconds)
    stop.set()
    for w in workers:
        w.join()
    print(f"{cold:.0f} {warm:.0f}")
