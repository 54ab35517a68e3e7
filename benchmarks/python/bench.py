"""The GraalPy benchmark suite: AtomicInt against a plain int and a lock-guarded int,
measured side by side in one process after warm-up.

    bin/atomicint-python benchmarks/python/bench.py [--rounds N] [--quick] [--out DIR]

    bin/atomicint-python benchmarks/python/bench.py --only methods|long-runs

Single-thread rates, thread scaling, the seed's stress, every method's loop and long runs of
`n += 1` threads run here (the methods and long runs also in contexts a Java host makes:
MethodBench.java, EmbeddedLongRuns.java, in a second JVM); the mixed runs (several
contexts and Java threads on one AtomicInt: MixedBench.java) and start-up (StartupBench.java)
need a Java host, so they run next, in a second JVM; cold start, in whole processes, runs last
(coldstart.py). Writes DIR/python-bench.md (medians, spreads and the ratios),
DIR/python-scaling.svg (throughput against thread count) and DIR/coldstart.md. DIR defaults to
benchmarks/results.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

from atomicint import AtomicInt

import long_runs
import method_loops

# ---- the counters under test: each is (name, make, increment) ---------------------------


# Every counter is shared state, as a counter threads use must be: a variable of an enclosing
# function (`nonlocal`), like the seed's stress.py. A purely local int is no baseline: the JIT
# folds its whole loop away (measured: ~2000 M/s, i.e. no work at all).


def plain_loop(n):
    counter = 0

    def run():
        nonlocal counter
        for _ in range(n):
            counter += 1
    run()
    return counter


def locked_loop(n):
    counter = 0
    lock = threading.Lock()

    def run():
        nonlocal counter
        for _ in range(n):
            with lock:
                counter += 1
    run()
    return counter


def atomic_loop(n):
    counter = AtomicInt()

    def run():
        nonlocal counter
        for _ in range(n):
            counter += 1
    run()
    return counter


SINGLE_THREAD = [
    ("plain int `n += 1` (not atomic)", plain_loop),
    ("Lock-guarded int", locked_loop),
    ("AtomicInt `n += 1`", atomic_loop),
]

# ---- threaded runs: a shared counter, `threads` threads, `per_thread` increments each -----


def run_threads(threads, per_thread, kind):
    """Wall time of `threads` threads each incrementing one shared counter `per_thread` times."""
    if kind == "plain":
        counter = 0

        def work():
            nonlocal counter
            for _ in range(per_thread):
                counter += 1
    elif kind == "lock":
        counter = 0
        lock = threading.Lock()

        def work():
            nonlocal counter
            for _ in range(per_thread):
                with lock:
                    counter += 1
    else:
        counter = AtomicInt()

        def work():
            nonlocal counter
            for _ in range(per_thread):
                counter += 1
    began = []
    # The clock starts in the barrier's action: when the last worker arrives, before any is released.
    # (Reading it in the main thread after the barrier would be late: the released workers hold
    # the GIL and may have done most of the work before the main thread runs again.)
    barrier = threading.Barrier(threads, action=lambda: began.append(time.perf_counter()))

    def start():
        barrier.wait()
        work()

    workers = [threading.Thread(target=start) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began[0]
    if kind == "atomic" and int(counter) != threads * per_thread:
        raise AssertionError(f"AtomicInt lost updates: {int(counter)} != {threads * per_thread}")
    if kind == "lock" and counter != threads * per_thread:
        raise AssertionError("lock-guarded int lost updates")
    return elapsed


# ---- measuring ---------------------------------------------------------------------------


def summary(samples):
    """(median, min, max) of a list of numbers."""
    return statistics.median(samples), min(samples), max(samples)


def measure_single_thread(ops, rounds, warmup):
    rates = {name: [] for name, _ in SINGLE_THREAD}
    for round_index in range(warmup + rounds):
        for name, loop in SINGLE_THREAD:  # interleaved: every variant sees the same machine state
            began = time.perf_counter()
            loop(ops)
            elapsed = time.perf_counter() - began
            if round_index >= warmup:
                rates[name].append(ops / elapsed)
    return {name: summary(samples) for name, samples in rates.items()}


def measure_methods(ops, rounds, warmup):
    """Every method's loop (method_loops.py) on this launcher's host face, interleaved, and on the host
    and the sandboxed face of contexts a Java host makes (MethodBench.java, in a second JVM):
    {face: {loop name: (median, min, max)}} in calls/s."""
    loops = method_loops.loops(AtomicInt)
    rates = {name: [] for name in loops}
    for round_index in range(warmup + rounds):
        for name, loop in loops.items():
            rate = method_loops.rate(loop, ops)
            if round_index >= warmup:
                rates[name].append(rate)
    faces = {"launcher": {name: summary(samples) for name, samples in rates.items()}}
    for face, name, median, low, high in java_part("MethodBench.java", os.path.join(HERE, "method_loops.py"),
                                                   rounds, warmup, ops, fields=2):
        faces.setdefault(face, {})[name] = (median, low, high)
    return faces


def measure_long_runs(warmup, seconds, jvm_warmup):
    """`n += 1` threads looping for `seconds` after `warmup` seconds (long_runs.py): in this launcher
    (1 and 4 Python threads), then in contexts a Java host makes (EmbeddedLongRuns.java, in a second
    JVM, which warms up for `jvm_warmup` seconds first). [(set-up, layout, increments/s of all
    threads, threads, exact)]."""
    rows = []
    for threads in (1, 4):
        counter = AtomicInt()
        rate, made = long_runs.rate(counter, threads, warmup, seconds)
        rows.append(("launcher", f"1 context x {threads} thread{'s' * (threads > 1)}", rate, threads, counter == made))
    for face, layout, rate, exact in java_part("EmbeddedLongRuns.java", os.path.join(HERE, "long_runs.py"),
                                               warmup, seconds, jvm_warmup, fields=2):
        contexts, threads_each = layout.split(" x ")  # "4 contexts x 1 thread, ..."
        threads = int(contexts.split()[0]) * int(threads_each.split()[0])
        rows.append((f"{face}-mode context" if face == "host" else "sandboxed context", layout, rate, threads, exact == 1))
    return rows


def measure_scaling(total, thread_counts, rounds, warmup):
    times = {(kind, t): [] for kind in ("plain", "lock", "atomic") for t in thread_counts}
    for round_index in range(warmup + rounds):
        for t in thread_counts:
            for kind in ("plain", "lock", "atomic"):
                elapsed = run_threads(t, total // t, kind)
                if round_index >= warmup:
                    times[(kind, t)].append(elapsed)
    return {key: summary(samples) for key, samples in times.items()}


def measure_stress(threads, per_thread, rounds, warmup):
    times = {"plain": [], "atomic": []}
    for round_index in range(warmup + rounds):
        for kind in ("plain", "atomic"):
            elapsed = run_threads(threads, per_thread, kind)
            if round_index >= warmup:
                times[kind].append(elapsed)
    return {kind: summary(samples) for kind, samples in times.items()}


HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.join(HERE, "..", "..", "bin")


def java_part(source, *arguments, fields=1):
    """Runs the Java program `source` (next to this file) in a second JVM with atomicint's layout;
    returns its tab-separated lines as [(name, ..., median, min, max)], the first `fields` fields text."""
    command = [os.path.join(BIN, "atomicint-java"), os.path.join(HERE, source), *map(str, arguments)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rows = []
    for line in output.splitlines():
        values = line.split("\t")
        rows.append((*values[:fields], *map(float, values[fields:])))
    return rows


def measure_mixed(rounds, warmup, per_thread):
    """Python threads in several contexts plus Java threads on one AtomicInt: only a Java host can
    make contexts, so MixedBench.java does it. Rows in increments/s."""
    return java_part("MixedBench.java", rounds, warmup, per_thread)


def measure_startup(rounds):
    """Context start-up with and without atomicint (StartupBench.java, in ms)."""
    return java_part("StartupBench.java", rounds * 2)


def measure_cold_start(rounds, out):
    """Whole processes from a cold start (coldstart.py, run by CPython: it also times CPython and
    the seed-equivalent C type); writes out/coldstart.md and returns its text."""
    python3 = shutil.which("python3")
    if python3 is None:
        return "Cold start skipped: no python3 to run coldstart.py.\n"
    subprocess.run([python3, os.path.join(HERE, "coldstart.py"), "--rounds", str(rounds), "--out", out],
                   check=True, capture_output=True)
    with open(os.path.join(out, "coldstart.md")) as f:
        return f.read()


# ---- reporting ---------------------------------------------------------------------------


def fmt_rate(value):
    return f"{value / 1e6:.2f} M/s"


#: The faces of the methods table, in its column order: (key, column heading).
FACES = [("launcher", "launcher (host face)"), ("host", "host-mode context"), ("sandbox", "sandboxed context (proxy face)")]

#: A method is flagged below this fraction of `n += 1` on the same face, or when its rounds spread
#: more than MAX_SPREAD (max/min).
MIN_SHARE, MAX_SPREAD = 1 / 3, 2.0

METHODS_HEADING = "## Every method on every face"
LONG_RUNS_HEADING = "## Long runs: the launcher and embedded contexts"


def methods_section(faces, args):
    """The methods table: each loop's rate per face, its share of `n += 1` on that face, and flags."""
    lines = [
        f"{METHODS_HEADING}: {args.ops:,} calls per loop, single thread",
        "",
        f"{run_stamp()}. The loops of `method_loops.py`, interleaved, {args.methods_warmup} warm-up rounds "
        f"then {args.rounds} measured; the launcher's in this process, the "
        "two contexts' in a second JVM (`MethodBench.java`: one host-mode and one sandboxed context, each "
        f"on an engine of its own). Each cell: median (min–max) and the share of `n += 1` on the same face; "
        f"flagged when below {MIN_SHARE:.2f} of `n += 1` or when max/min > {MAX_SPREAD:g}.",
        "",
        "| loop | " + " | ".join(heading for _, heading in FACES) + " |",
        "|---|" + "---:|" * len(FACES),
    ]
    flagged = []
    for name in method_loops.STATEMENTS:
        cells = []
        for face, heading in FACES:
            median, low, high = faces[face][name]
            share = median / faces[face][method_loops.BASELINE][0]
            flags = [f"below {MIN_SHARE:.2f} of `+=`"] * (share < MIN_SHARE) + [f"max/min {high / low:.1f}"] * (high / low > MAX_SPREAD)
            cells.append(f"{fmt_rate(median)} ({low / 1e6:.2f}–{high / 1e6:.2f}), {share:.2f}x" + "".join(f" **{f}**" for f in flags))
            flagged += [f"{name} on the {heading}: {f}" for f in flags]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    sandbox, host = faces["sandbox"][method_loops.BASELINE][0], faces["host"][method_loops.BASELINE][0]
    floor, floor_low, floor_high = faces["sandbox"][method_loops.BARE_CALL]
    lines += [
        "",
        f"Sandboxed context `n += 1` / host-mode context `n += 1`: **{sandbox / host:.2f}x** (target ≥ 0.7x).",
        "",
        f"The floor under the sandboxed face: a bare proxy call in the same sandboxed context (`{method_loops.BARE_CALL}`: "
        "a `ProxyExecutable` that adds its one argument to a Java `AtomicLong` and answers `False`, called with "
        "the GIL held, no AtomicInt; `method_loops.bare_call_loop`) runs at "
        f"{fmt_rate(floor)} ({floor_low / 1e6:.2f}–{floor_high / 1e6:.2f}): **{floor / host:.2f}x** the host-mode "
        f"`n += 1`. The sandboxed `n += 1` runs at {sandbox / floor:.2f}x of that floor.",
        "",
        "Flagged: " + ("none." if not flagged else ""),
        *(f"- {entry}" for entry in flagged),
        "",
    ]
    return lines


def long_runs_section(rows, args):
    """The long-runs table: each set-up's rate, per thread, and its share of the launcher's one thread's."""
    launcher = next(rate for setup, _, rate, threads, _ in rows if setup == "launcher" and threads == 1)
    lines = [
        f"{LONG_RUNS_HEADING}: `n += 1` for {args.long_seconds:g} s per thread after {args.long_warmup:g} s",
        "",
        f"{run_stamp()}. The threads of `long_runs.py` on one AtomicInt per row: in this launcher, then in "
        "contexts a Java host makes in a second JVM with the launcher's layout, after that JVM warmed for "
        f"{args.long_jvm_warmup:g} s (`EmbeddedLongRuns.java`; "
        "a context's Python threads share its GIL, contexts run in parallel). \"vs launcher\" is the "
        "row's rate, all threads together, against the launcher's one thread (target for embedded "
        "contexts: ≥ 0.5x). "
        "Every row's count is checked to be exact.",
        "",
        "| set-up | layout | increments/s, all threads | per thread | vs launcher | exact |",
        "|---|---|---:|---:|---:|---|",
    ]
    for setup, layout, rate, threads, exact in rows:
        lines.append(f"| {setup} | {layout} | {fmt_rate(rate)} | {fmt_rate(rate / threads)} | "
                     f"{rate / launcher:.2f}x | {'yes' if exact else '**no**'} |")
    return lines + [""]


def run_stamp():
    """The date and the commit measured (with a mark when the work tree had changes)."""
    def git(*arguments):
        return subprocess.run(["git", "-C", HERE, *arguments], capture_output=True, text=True).stdout.strip()
    dirty = "+changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"Measured {time.strftime('%Y-%m-%d')}, commit {git('rev-parse', '--short', 'HEAD') or 'unknown'}{dirty}"


def replace_section(text, section, heading):
    """`text` (a report) with its section under `heading` replaced by `section` (or added before the
    mixed runs): how `--only` updates the last full report."""
    parts = text.split("\n## ")
    body = "\n".join(section).rstrip("\n").removeprefix("## ")
    for i, part in enumerate(parts):
        if part.startswith(heading.removeprefix("## ")):
            parts[i] = body + "\n"
            break
    else:
        mixed = next(i for i, part in enumerate(parts) if part.startswith("Mixed"))
        parts.insert(mixed, body + "\n")
    return "\n## ".join(parts)


def report(single, scaling, stress, methods, long_rows, mixed, startup, args, thread_counts):
    lines = [
        "# GraalPy benchmark: AtomicInt vs plain int vs lock-guarded int",
        "",
        f"`bin/atomicint-python benchmarks/python/bench.py --rounds {args.rounds}`"
        f"{' --quick' if args.quick else ''} on {os.cpu_count()} CPUs, {sys.implementation.name} "
        f"{sys.version.split()[0]}; {args.warmup} warm-up rounds, then the median of {args.rounds} "
        f"rounds (min–max in brackets). Variants run interleaved in each round. {run_stamp()}.",
        "",
        f"## Single thread, {args.ops:,} increments",
        "",
        "| counter | ops/s (median) | min–max | vs lock | vs plain int |",
        "|---|---:|---:|---:|---:|",
    ]
    lock_rate = single["Lock-guarded int"][0]
    plain_rate = single["plain int `n += 1` (not atomic)"][0]
    for name, (median, low, high) in single.items():
        lines.append(f"| {name} | {fmt_rate(median)} | {fmt_rate(low)}–{fmt_rate(high)} | "
                     f"{median / lock_rate:.2f}x | {median / plain_rate:.2f}x |")
    lines += [
        "",
        f"## Thread scaling: {args.total:,} increments in total, split over the threads (wall time)",
        "",
        "| threads | plain int (loses updates) | lock-guarded int | AtomicInt | AtomicInt vs lock | AtomicInt vs plain |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for t in thread_counts:
        p, l, a = (scaling[(k, t)] for k in ("plain", "lock", "atomic"))
        lines.append(f"| {t} | {p[0]:.3f} s ({p[1]:.3f}–{p[2]:.3f}) | {l[0]:.3f} s ({l[1]:.3f}–{l[2]:.3f}) | "
                     f"{a[0]:.3f} s ({a[1]:.3f}–{a[2]:.3f}) | {l[0] / a[0]:.2f}x faster | {a[0] / p[0]:.2f}x the time |")
    p, a = stress["plain"], stress["atomic"]
    lines += [
        "",
        f"## The seed's stress: {args.stress_threads} threads x {args.stress_iters:,} `n += 1`",
        "",
        "| counter | wall time (median) | min–max |",
        "|---|---:|---:|",
        f"| plain int (loses updates) | {p[0]:.3f} s | {p[1]:.3f}–{p[2]:.3f} |",
        f"| AtomicInt (exact) | {a[0]:.3f} s | {a[1]:.3f}–{a[2]:.3f} |",
        "",
        f"AtomicInt time / plain int time: **{a[0] / p[0]:.2f}x**",
        "",
        *methods_section(methods, args),
        *long_runs_section(long_rows, args),
        f"## Mixed: one AtomicInt shared by contexts and Java threads, {args.mixed_iters:,} increments per thread",
        "",
        "Measured by `MixedBench.java` in a second JVM (a Java host makes the contexts; they share one engine). "
        "Every run's total is checked to be exact.",
        "",
        "| writers | increments/s (median) | min–max |",
        "|---|---:|---:|",
        *(f"| {name} | {fmt_rate(median)} | {fmt_rate(low)}–{fmt_rate(high)} |" for name, median, low, high in mixed),
        "",
        "## Start-up",
        "",
        "Measured by `StartupBench.java` in a second JVM: the cold rows are the first of their kind in "
        "that JVM (one sample each); the warm rows reuse an engine per kind of context.",
        "",
        "| what | ms (median) | min–max |",
        "|---|---:|---:|",
        *(f"| {name} | {median:.1f} | {low:.1f}–{high:.1f} |" for name, median, low, high in startup),
        "",
        "## Targets",
        "",
        f"- single thread, AtomicInt `+=` vs lock-guarded int: **{single['AtomicInt `n += 1`'][0] / lock_rate:.2f}x** (target ≥ 2x)",
        f"- single thread, AtomicInt `+=` vs plain int: **{single['AtomicInt `n += 1`'][0] / plain_rate:.2f}x** (target ≥ 0.2x)",
        f"- stress, AtomicInt time vs plain int time: **{a[0] / p[0]:.2f}x** (target ≤ 1.5x)",
        f"- slowest AtomicInt vs lock ratio over thread counts: **{min(scaling[('lock', t)][0] / scaling[('atomic', t)][0] for t in thread_counts):.2f}x** (target ≥ 1x)",
        "",
        "![throughput against threads](python-scaling.svg)",
        "",
    ]
    return "\n".join(lines)


def scaling_svg(scaling, total, thread_counts):
    """A small line chart of throughput (increments/s) against thread count, log2 x-axis."""
    width, height, left, bottom, top, right = 640, 400, 70, 50, 30, 160
    series = [("plain int (not atomic)", "plain", "#999999"), ("lock-guarded int", "lock", "#d62728"),
              ("AtomicInt", "atomic", "#1f77b4")]
    rates = {(k, t): total / scaling[(k, t)][0] for k in ("plain", "lock", "atomic") for t in thread_counts}
    top_rate = max(rates.values()) * 1.1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i):
        return left + plot_w * i / max(1, len(thread_counts) - 1)

    def y(rate):
        return top + plot_h * (1 - rate / top_rate)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">increments/s vs Python threads ({total:,} increments in total)</text>',
           f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="black"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>']
    for i, t in enumerate(thread_counts):
        out.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle">{t}</text>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 10}" text-anchor="middle">threads</text>')
    for step in range(5):
        rate = top_rate * step / 4
        out.append(f'<text x="{left - 6}" y="{y(rate) + 4:.1f}" text-anchor="end">{rate / 1e6:.1f}M</text>')
        out.append(f'<line x1="{left}" y1="{y(rate):.1f}" x2="{left + plot_w}" y2="{y(rate):.1f}" stroke="#eeeeee"/>')
    for row, (label, kind, colour) in enumerate(series):
        points = " ".join(f"{x(i):.1f},{y(rates[(kind, t)]):.1f}" for i, t in enumerate(thread_counts))
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        legend_y = top + 10 + 18 * row
        out.append(f'<line x1="{left + plot_w + 15}" y1="{legend_y}" x2="{left + plot_w + 35}" y2="{legend_y}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{left + plot_w + 40}" y="{legend_y + 4}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=4)
    # The methods section's ten loops are each new code: measured in the launcher, they reach their
    # steady rate in the fifth or sixth round (2M calls per loop), so fewer rounds measure warm-up.
    parser.add_argument("--methods-warmup", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="smaller workloads, for a smoke run")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results"))
    parser.add_argument("--long-warmup", type=float, default=10, help="long runs: warm-up seconds per thread")
    parser.add_argument("--long-jvm-warmup", type=float, default=30,
                        help="long runs: seconds the second JVM warms up first (its Graal compiler: EmbeddedLongRuns.java)")
    parser.add_argument("--long-seconds", type=float, default=10, help="long runs: measured seconds per thread")
    parser.add_argument("--only", choices=["methods", "long-runs"],
                        help="measure one section and replace it in the last report (OUT/python-bench.md)")
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    args.ops = 2_000_000 // scale
    args.total = 1_000_000 // scale
    args.stress_threads, args.stress_iters = 50, 100_000 // scale
    args.mixed_iters = 250_000 // scale
    thread_counts = [1, 2, 4, 8, 16, 32, 64]
    results = os.path.join(args.out, "python-bench.md")

    if args.only:
        if args.only == "methods":
            print("every method on every face (and a second JVM) ...", file=sys.stderr)
            section = methods_section(measure_methods(args.ops, args.rounds, args.methods_warmup), args)
            heading = METHODS_HEADING
        else:
            print("long runs (and a second JVM) ...", file=sys.stderr)
            section = long_runs_section(measure_long_runs(args.long_warmup, args.long_seconds, args.long_jvm_warmup), args)
            heading = LONG_RUNS_HEADING
        with open(results) as f:
            text = replace_section(f.read(), section, heading)
        with open(results, "w") as f:
            f.write(text)
        print("\n".join(section))
        return 0

    print("single thread ...", file=sys.stderr)
    single = measure_single_thread(args.ops, args.rounds, args.warmup)
    print("thread scaling ...", file=sys.stderr)
    scaling = measure_scaling(args.total, thread_counts, args.rounds, args.warmup)
    print("stress ...", file=sys.stderr)
    stress = measure_stress(args.stress_threads, args.stress_iters, args.rounds, args.warmup)
    print("every method on every face (and a second JVM) ...", file=sys.stderr)
    methods = measure_methods(args.ops, args.rounds, args.methods_warmup)
    print("long runs (and a second JVM) ...", file=sys.stderr)
    long_rows = measure_long_runs(args.long_warmup, args.long_seconds, args.long_jvm_warmup)

    print("mixed (second JVM) ...", file=sys.stderr)
    mixed = measure_mixed(args.rounds, args.warmup, args.mixed_iters)
    print("start-up (second JVM) ...", file=sys.stderr)
    startup = measure_startup(args.rounds)
    print("cold start (whole processes, coldstart.py) ...", file=sys.stderr)
    os.makedirs(args.out, exist_ok=True)
    cold = measure_cold_start(args.rounds, args.out)

    os.makedirs(args.out, exist_ok=True)
    text = report(single, scaling, stress, methods, long_rows, mixed, startup, args, thread_counts)
    with open(results, "w") as f:
        f.write(text)
    with open(os.path.join(args.out, "python-scaling.svg"), "w") as f:
        f.write(scaling_svg(scaling, args.total, thread_counts))
    print(text)
    print(cold)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
