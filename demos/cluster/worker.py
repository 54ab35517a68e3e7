"""One worker of the cluster demo: 4 threads add 1 to the shared counter, COUNT times each.

Usage: worker.py URL NAME WORKER_ID COUNT
"""

import sys
import threading

import atomicint

url, name, worker, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
THREADS = 4

with atomicint.connect(url) as store:
    counter = store.atomic_int(name)
    done = [0] * THREADS

    def work(index):
        global counter
        for _ in range(count):
            counter += 1  # atomic in Redis: INCRBY below 2**63, an exact compare-and-set above
            done[index] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"worker {worker}: counted {sum(done)} ({THREADS} threads); the counter now reads {counter.get()}", flush=True)
