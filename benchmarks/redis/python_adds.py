"""Redis-backed `n += 1` throughput from THREADS Python threads for SECONDS: prints ops/s.

Usage: python_adds.py URL THREADS SECONDS [START_AT] (run by benchmarks/redis/run under
bin/atomicint-python); START_AT, a Unix time, lines up the measuring windows of several processes.
"""

import sys
import threading
import time

import atomicint

url, threads, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
start_at = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0

with atomicint.connect(url) as store:
    n = store.atomic_int("bench:python")
    counts = [0] * threads
    stop = threading.Event()
    start = threading.Barrier(threads + 1)

    def work(index):
        global n
        start.wait()
        done = 0
        while not stop.is_set():
            for _ in range(50):
                n += 1
            done += 50
        counts[index] = done

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for _ in range(200):  # warm-up: compile the += path
        n += 1
    time.sleep(max(0.0, start_at - time.time()))
    start.wait()
    began = time.monotonic()
    time.sleep(seconds)
    stop.set()
    for w in workers:
        w.join()
    print(f"{sum(counts) / (time.monotonic() - began):.0f}")
