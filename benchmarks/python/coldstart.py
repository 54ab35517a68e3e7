"""Cold start as users feel it: whole processes, timed from the shell's side.

    python3 benchmarks/python/coldstart.py [--rounds 5]      # about 5 minutes; also run by bench.py

Each round runs every variant of every workload once, interleaved, so all see the same machine;
the report gives the median and the spread of the rounds. Workloads and their peers:

* the README's main job, ``demos/stress.py 50 100000 y``: ``bin/atomicint-python`` against CPython
  running the same script over the seed-equivalent C type (benchmarks/cpython/seed_atomicint.c);
* ``-c pass``: ``bin/atomicint-python``, GraalPy's own launcher on a stock JDK with the JIT flags
  and nothing else (its default), and CPython;
* 100M ``n += 1`` in 1M-iteration chunks (chunked_increments.py): ``bin/atomicint-python`` against
  CPython with the C type;
* the phases of one cold start (StartupPhases.java through ``bin/atomicint-java``).

The C type (benchmarks/cpython/seed_atomicint.c) is compiled with gcc against the CPython headers
found here; without them the CPython rows are skipped with a note. Writes benchmarks/results/coldstart.md.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cpython"))
import seed_type  # noqa: E402  (benchmarks/cpython/seed_type.py)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
GRAAL = os.path.join(ROOT, "target", "graal")
ATOMICINT_PYTHON = os.path.join(ROOT, "bin", "atomicint-python")
ATOMICINT_JAVA = os.path.join(ROOT, "bin", "atomicint-java")
STRESS = [os.path.join(ROOT, "demos", "stress.py"), "50", "100000", "y"]
CHUNKED = [os.path.join(HERE, "chunked_increments.py")]

QUICK = "bin/atomicint-python, ATOMICINT_QUICK_START=1 (C1 only)"
SERVED = "bin/atomicint-python, served by the resident server"
SERVED_TARGETS = {
    "main job": "≤ 3x CPython + the C type",
    "-c pass": "≤ 0.25 s",
    "100M +=": "faster than CPython + the C type",
}

TARGETS = {
    "main job": "≤ 6 s",
    "-c pass": "≤ 3.5 s, and no slower than GraalPy's own launcher",
    "100M +=": "≤ 2x CPython + the C type",
}


def find_cpython():
    """A CPython with its headers (for the C type): this one if it is CPython, else python3."""
    if sys.implementation.name == "cpython":
        return sys.executable
    return shutil.which("python3")


def graalpy_default_launcher():
    """GraalPy's own launcher as its docs start it on a stock JDK: the JIT flags, nothing more."""
    with open(os.path.join(GRAAL, ".built")) as f:
        java_home = f.read().strip()
    return [os.path.join(java_home, "bin", "java"), "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
            f"--upgrade-module-path={GRAAL}/upgrade/compiler.jar", f"--module-path={GRAAL}/modules",
            "--add-modules=ALL-MODULE-PATH", "--enable-native-access=org.graalvm.truffle,ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-m",
            "org.graalvm.py.launcher/com.oracle.graal.python.shell.GraalPythonMain"]


def timed(command, env=None, expect=None):
    """Wall seconds of one process; checks its exit code and, if given, its stdout."""
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    if done.returncode != 0 or (expect is not None and done.stdout != expect):
        raise RuntimeError(f"{command} failed ({done.returncode}): {done.stdout!r} {done.stderr[-2000:]}")
    return elapsed


def workloads(cpython, seed_dir):
    """[(workload, variant, thunk)] in the order a round runs them."""
    served = dict(os.environ, ATOMICINT_SERVER="1")
    served.pop("PYTHONPATH", None)
    env = dict(served, ATOMICINT_SERVER="0")  # the rows named bin/atomicint-python run directly
    seed_env = dict(env, PYTHONPATH=seed_dir) if seed_dir else None
    quick = dict(env, ATOMICINT_QUICK_START="1")
    rows = [
        ("main job", "bin/atomicint-python", lambda: timed([ATOMICINT_PYTHON, *STRESS], env, "atomic\n5000000\n")),
        ("main job", QUICK, lambda: timed([ATOMICINT_PYTHON, *STRESS], quick, "atomic\n5000000\n")),
        ("main job", SERVED, lambda: timed([ATOMICINT_PYTHON, *STRESS], served, "atomic\n5000000\n")),
        ("-c pass", "bin/atomicint-python", lambda: timed([ATOMICINT_PYTHON, "-c", "pass"], env)),
        ("-c pass", QUICK, lambda: timed([ATOMICINT_PYTHON, "-c", "pass"], quick)),
        ("-c pass", SERVED, lambda: timed([ATOMICINT_PYTHON, "-c", "pass"], served)),
        ("-c pass", "GraalPy's own launcher, default flags", lambda: timed([*graalpy_default_launcher(), "-c", "pass"], env)),
        ("100M +=", "bin/atomicint-python", lambda: timed([ATOMICINT_PYTHON, *CHUNKED], env, "100000000\n")),
        ("100M +=", QUICK, lambda: timed([ATOMICINT_PYTHON, *CHUNKED], quick, "100000000\n")),
        ("100M +=", SERVED, lambda: timed([ATOMICINT_PYTHON, *CHUNKED], served, "100000000\n")),
    ]
    if seed_env:
        rows += [
            ("main job", "CPython + the C type", lambda: timed([cpython, *STRESS], seed_env, "atomic\n5000000\n")),
            ("-c pass", "CPython", lambda: timed([cpython, "-c", "pass"], env)),
            ("100M +=", "CPython + the C type", lambda: timed([cpython, *CHUNKED], seed_env, "100000000\n")),
        ]
    return rows


def phases(rounds):
    """Medians of StartupPhases.java over ``rounds`` fresh processes: [(phase, median, min, max)] in ms."""
    samples = {}
    for _ in range(rounds):
        out = subprocess.run([ATOMICINT_JAVA, os.path.join(HERE, "StartupPhases.java")], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            name, millis = line.split("\t")
            samples.setdefault(name, []).append(float(millis))
    return [(name, statistics.median(v), min(v), max(v)) for name, v in samples.items()]


def report(results, phase_rows, rounds, note):
    lines = [
        "# Cold start: whole processes, as users run them",
        "",
        f"`python3 benchmarks/python/coldstart.py --rounds {rounds}` on {os.cpu_count()} CPUs: the median of "
        f"{rounds} rounds (min–max), every variant once per round, interleaved.",
        "",
        "| workload | variant | wall s, median | min–max | vs the peer | target |",
        "|---|---|---:|---:|---:|---|",
    ]
    for workload in TARGETS:
        variants = {v: s for (w, v), s in results.items() if w == workload}
        ours = statistics.median(variants["bin/atomicint-python"])
        for variant, samples in variants.items():
            median = statistics.median(samples)
            ratio = "" if variant == "bin/atomicint-python" else f"{ours / median:.2f}x"
            target = TARGETS[workload] if variant == "bin/atomicint-python" else SERVED_TARGETS[workload] if variant == SERVED else ""
            lines.append(f"| {workload} | {variant} | {median:.2f} | {min(samples):.2f}–{max(samples):.2f} | {ratio} | {target} |")
    lines += ["", "\"vs the peer\" is bin/atomicint-python's median over that row's. The quick-start rows run",
              "HotSpot with C1 only: a quicker start, a slower warm `+=` (docs/performance.md).", ""]
    if note:
        lines += [f"CPython rows skipped: {note}.", ""]
    lines += [
        "## One cold start, phase by phase (StartupPhases.java, same layout and AOT cache)",
        "",
        "| phase | ms, median | min–max |",
        "|---|---:|---:|",
        *(f"| {name} | {median:.0f} | {low:.0f}–{high:.0f} |" for name, median, low, high in phase_rows),
        "",
        "The hot-loop rows are times since the loop (1M `+=` per call) started. The first row includes compiling the",
        "benchmark's own source file, which a launcher run does not do.",
    ]
    return "\n".join(lines) + "\n"


def start_server():
    """The resident server for the served rows: a plain run starts it once it ends; waits (up to
    10 minutes) until it answers."""
    env = dict(os.environ, ATOMICINT_SERVER="1")
    subprocess.run([ATOMICINT_PYTHON, "-c", "pass"], check=True, env=env)
    for _ in range(300):
        status = subprocess.run([ATOMICINT_PYTHON, "--server-status"], env=env, capture_output=True, text=True)
        if "server pid" in status.stdout:
            time.sleep(5)  # its first spare context
            return
        time.sleep(2)
    raise RuntimeError("the resident server did not start within 10 minutes")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", default=os.path.join(HERE, "..", "results"))
    args = parser.parse_args(argv)
    for mode in ("0", "1"):  # builds on first use (and trains each mode's cache), outside the timing
        subprocess.run([ATOMICINT_PYTHON, "-c", "pass"], check=True, env=dict(os.environ, ATOMICINT_QUICK_START=mode))
    start_server()
    cpython = find_cpython()
    with tempfile.TemporaryDirectory() as seed_dir:
        try:
            seed_type.build(seed_dir, cpython)
            note = None
        except RuntimeError as missing:
            note = str(missing)
        rows = workloads(cpython, None if note else seed_dir)
        results = {}
        for round_index in range(args.rounds):
            print(f"cold start, round {round_index + 1} of {args.rounds} ...", file=sys.stderr)
            for workload, variant, run in rows:
                results.setdefault((workload, variant), []).append(run())
    subprocess.run([ATOMICINT_PYTHON, "--server-stop"], env=dict(os.environ, ATOMICINT_SERVER="1"))
    phase_rows = phases(args.rounds)
    text = report(results, phase_rows, args.rounds, note)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "coldstart.md"), "w") as f:
        f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
