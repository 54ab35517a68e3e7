"""atomicint's portable backend on CPython beside the seed's C extension and a lock-guarded int.

    PYTHONPATH=python python3 benchmarks/cpython/bench.py --rounds 7 --markdown benchmarks/results/cpython-bench.md
                                                                     # about 2 minutes

Runs every variant in each round, rounds interleaved (so a load change on a shared machine hits all
of them alike), and prints the median of the rounds with their spread, and ratios of medians:

* single thread, ``--count`` times ``n += 1``: a plain int (not atomic: the reference), an int guarded by a
  ``threading.Lock`` (``with lock: n += 1``), the seed's C ``AtomicInt`` (atomic only under the GIL),
  and ``atomicint.AtomicInt`` (the portable backend: a lock-guarded int inside the object);
* the seed's stress (``--threads`` threads x ``--iters`` ``n += 1``), for the same four (the plain
  int may lose updates; a lost update in one of the three atomic ones fails the run).

The seed's C row is the seed-equivalent type in seed_atomicint.c, compiled here with gcc
(seed_type.py), or the seed's own extension given with ``--seed-extension`` (built from its
``atomicint.c``). Without gcc or the CPython headers its rows are left out, with a note.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import threading
import time

import seed_type  # beside this file

import atomicint


def load_seed(path):
    """The seed's extension module (its init function is named for `atomicint`), kept out of
    sys.modules so that it does not shadow this package."""
    spec = importlib.util.spec_from_file_location("atomicint", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.AtomicInt


# ---- single thread: seconds for `count` increments -------------------------------------------

def single_plain(count):
    n = 0
    start = time.perf_counter()
    for _ in range(count):
        n += 1
    return time.perf_counter() - start


def single_lock(count):
    n = 0
    lock = threading.Lock()
    start = time.perf_counter()
    for _ in range(count):
        with lock:
            n += 1
    return time.perf_counter() - start


def single_object(cls):
    def run(count):
        n = cls()
        start = time.perf_counter()
        for _ in range(count):
            n += 1
        elapsed = time.perf_counter() - start
        assert int(n) == count
        return elapsed
    return run


# ---- the stress: seconds for THREADS x ITERS increments, and the final count -------------------

def stress(make_counter, increment, read, threads, iters):
    state = make_counter()
    barrier = threading.Barrier(threads + 1)

    def work():
        barrier.wait()
        for _ in range(iters):
            increment(state)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    start = time.perf_counter()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start, read(state)


class Box:
    """A plain int in a shared object, optionally with a lock: the stress's non-AtomicInt counters."""
    __slots__ = ("n", "lock")

    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()


def plain_increment(box):
    box.n += 1


def lock_increment(box):
    with box.lock:
        box.n += 1


def stress_plain(threads, iters):
    return stress(Box, plain_increment, lambda box: box.n, threads, iters)


def stress_lock(threads, iters):
    return stress(Box, lock_increment, lambda box: box.n, threads, iters)


def stress_object(cls):
    def increment(holder):
        holder[0] += 1  # n += 1 on the shared object: the same object comes back

    def run(threads, iters):
        return stress(lambda: [cls()], increment, lambda holder: int(holder[0]), threads, iters)
    return run


def summary(samples):
    return statistics.median(samples), min(samples), max(samples)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--seed-extension", help="path of the compiled seed extension (atomicint*.so)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=2_000_000, help="single-thread increments per round")
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--iters", type=int, default=100_000)
    parser.add_argument("--markdown", help="also write the report to this file")
    args = parser.parse_args(argv)

    variants = [("plain int (not atomic)", single_plain, stress_plain),
                ("int + threading.Lock", single_lock, stress_lock)]
    with tempfile.TemporaryDirectory() as build_dir:
        try:
            seed = load_seed(args.seed_extension or seed_type.build(build_dir, sys.executable))
            variants.append(("seed C extension", single_object(seed), stress_object(seed)))
        except RuntimeError as missing:
            print(f"seed C rows left out: {missing}", file=sys.stderr)
    variants.append((OURS, single_object(atomicint.AtomicInt), stress_object(atomicint.AtomicInt)))

    for _, single, _ in variants:  # warm-up
        single(args.count // 10)
    rates = {name: [] for name, _, _ in variants}
    times = {name: [] for name, _, _ in variants}
    lost = {name: [] for name, _, _ in variants}
    for _ in range(args.rounds):
        for name, single, many in variants:
            rates[name].append(args.count / single(args.count) / 1e6)
            elapsed, final = many(args.threads, args.iters)
            times[name].append(elapsed)
            lost[name].append(args.threads * args.iters - final)

    report = report_lines(args, rates, times, lost)
    print("\n".join(report))
    if args.markdown:
        with open(args.markdown, "w") as file:
            file.write("\n".join(report) + "\n")
    atomic_lost = {name: max(counts) for name, counts in lost.items() if name != PLAIN}
    if any(atomic_lost.values()):
        print(f"LOST UPDATES in an atomic variant: {atomic_lost}")
        return 1
    return 0


OURS = "atomicint (portable)"
PLAIN = "plain int (not atomic)"


def report_lines(args, rates, times, lost):
    backend = "portable" if "atomicint._portable" in sys.modules else "Java"
    lines = ["# CPython benchmark: atomicint's portable backend vs the seed's C extension vs a lock-guarded int", "",
             f"`{' '.join(['python3', 'benchmarks/cpython/bench.py'] + sys.argv[1:])}` on "
             f"{sys.implementation.name} {sys.version.split()[0]} ({os.cpu_count()} CPUs; load average at the end "
             f"{os.getloadavg()[0]:.1f}: the machine is shared), atomicint's {backend} backend. "
             f"{args.rounds} rounds, all variants in each round (interleaved); median (min-max).", "",
             f"| variant | single thread: {args.count:,} x `n += 1`, M/s | "
             f"stress: {args.threads} threads x {args.iters:,} `n += 1`, s | updates lost (max) |",
             "|---|---:|---:|---:|"]
    for name in rates:
        rate, elapsed = summary(rates[name]), summary(times[name])
        lines.append(f"| {name} | {rate[0]:.2f} ({rate[1]:.2f}-{rate[2]:.2f}) | "
                     f"{elapsed[0]:.2f} ({elapsed[1]:.2f}-{elapsed[2]:.2f}) | {max(lost[name]):,} |")
    lines += ["", f"Ratios of medians, {OURS} against:", ""]
    for name in rates:
        if name != OURS:
            speed = statistics.median(rates[OURS]) / statistics.median(rates[name])
            time_ratio = statistics.median(times[OURS]) / statistics.median(times[name])
            lines.append(f"* {name}: {speed:.2f}x its single-thread rate; {time_ratio:.2f}x its stress time")
    return lines


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
