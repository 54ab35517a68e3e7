"""What a shared Engine does to each way of reaching a Java AtomicInt from Python, for
EngineSharing.java (docs/launcher.md, "Why a fresh engine per run"): one run prints, for each loop
below, the best of its last three 1M-iteration rounds in M/s, then the seconds of the main job's
shape (50 threads x 100,000 `+=`) on AtomicInt's face and on a plain Python class wrapping the Java
object.

    ATOMICINT_JAVA_OPTS=-Dpkg=target/classes/dev/atomicint/python/lib \\
        bin/atomicint-java benchmarks/python/EngineSharing.java 5 fs benchmarks/python/shared_engine_faces.py [ROUNDS]

The loops:
    plain int         `x += 1` on a local int: GraalPy's own code, which a shared engine keeps compiled
    host call         HostCalls.add(java_atomic_int, 1) with the GIL held: the Java call on its own
    atomicint face    `n += 1` on atomicint.AtomicInt (the Java object, register_interop_type)
    python wrapper    `n += 1` on a Python class holding the Java object in a slot (its __iadd__ makes
                      the same Java call, GIL held, as the face's fast path)
    python class      `n += 1` on a Python class holding a Python int: the dispatch of `+=` to a
                      Python class's __iadd__, with no Java at all
"""

import sys
import threading
import time

import java

from atomicint import AtomicInt
from atomicint._interop import hold_gil, switch_threads

JavaAtomicInt = java.type("dev.atomicint.AtomicInt")
_calls = java.type("dev.atomicint.python.HostCalls")()
_add = _calls.add
_restart_interval = _calls.switchThreads


class PythonWrapper:
    """A Python type whose instances hold a Java AtomicInt: `+=` as atomicint's fast path does it."""

    __slots__ = ("_java",)

    def __init__(self):
        self._java = JavaAtomicInt(0)

    def __iadd__(self, other):
        if type(other) is int and -1 <= other >> 63 <= 0:
            held = hold_gil(True)
            try:
                switch_due = _add(self._java, other)
            finally:
                hold_gil(held)
            if switch_due:
                switch_threads(_restart_interval)
            return self
        return NotImplemented

    def __int__(self):
        return int(self._java.get())


class PythonClass:
    """A Python type whose instances hold a Python int."""

    __slots__ = ("_value",)

    def __init__(self):
        self._value = 0

    def __iadd__(self, other):
        if type(other) is int:
            self._value += other
            return self
        return NotImplemented


def plain_int(k):
    x = 0
    for _ in range(k):
        x += 1
    return x


def host_call(k):
    j = JavaAtomicInt(0)
    held = hold_gil(True)
    try:
        for _ in range(k):
            _add(j, 1)
    finally:
        hold_gil(held)


def _adding_loop(make):
    def loop(k):
        n = make()
        for _ in range(k):
            n += 1
        return n
    return loop


LOOPS = {"plain int": plain_int, "host call": host_call, "atomicint face": _adding_loop(AtomicInt),
         "python wrapper": _adding_loop(PythonWrapper), "python class": _adding_loop(PythonClass)}


def main_job_shape(make):
    """Seconds for 50 threads x 100,000 `+=` on one make() (checked exact)."""
    began = time.perf_counter()
    counter = make()

    def work():
        nonlocal counter
        for _ in range(100_000):
            counter += 1

    threads = [threading.Thread(target=work) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert int(counter) == 5_000_000, int(counter)
    return time.perf_counter() - began


def main(rounds):
    rates = {name: [] for name in LOOPS}
    for _ in range(rounds):
        for name, loop in LOOPS.items():  # interleaved: every loop sees the same machine state
            began = time.perf_counter()
            loop(1_000_000)
            rates[name].append(1 / (time.perf_counter() - began))
    print(" | ".join(f"{name} {max(samples[-3:]):.1f}" for name, samples in rates.items()))
    print(f"main job shape: atomicint face {main_job_shape(AtomicInt):.2f} s, "
          f"python wrapper {main_job_shape(PythonWrapper):.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
