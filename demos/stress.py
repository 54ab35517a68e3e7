"""The seed's stress test: N_THREADS threads each do N_ITERS times `n += 1`.

    bin/atomicint-python demos/stress.py 50 100000 y    # atomic: prints 5000000
    bin/atomicint-python demos/stress.py 50 100000 n    # a plain int: updates get lost

Prints `atomic` or `not atomic`, then the final count (and the time on stderr).
"""

import sys
import threading
import time

from atomicint import AtomicInt


def stress(n_threads, n_iters, atomic):
    """Run the threads; return the final count."""
    n = AtomicInt() if atomic else 0
    start = threading.Barrier(n_threads)

    def work():
        nonlocal n
        start.wait()
        for _ in range(n_iters):
            n += 1

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return int(n)


def main(argv):
    if len(argv) != 4 or argv[3] not in ("y", "n"):
        print(f"usage: {argv[0]} N_THREADS N_ITERS y|n", file=sys.stderr)
        return 2
    n_threads, n_iters, atomic = int(argv[1]), int(argv[2]), argv[3] == "y"
    print("atomic" if atomic else "not atomic")
    began = time.perf_counter()
    print(stress(n_threads, n_iters, atomic))
    print(f"{n_threads} threads x {n_iters} increments in {time.perf_counter() - began:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
