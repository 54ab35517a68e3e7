"""Builds the seed-equivalent C type (seed_atomicint.c, beside this file) for a CPython.

The seed's own extension is not vendored; this file's C type does what its ``+=`` does (adds to a
stored PyLong and returns itself), which is what the benchmarks compare with. Used by
benchmarks/cpython/bench.py and benchmarks/python/coldstart.py.
"""

import os
import shutil
import subprocess

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed_atomicint.c")

__all__ = ["build"]


def build(into, cpython):
    """Compiles the C type with gcc as module ``atomicint`` under the directory ``into`` for the
    CPython executable ``cpython``; returns the module's path. Raises RuntimeError naming what is
    missing (no CPython, no gcc, no headers)."""
    if cpython is None:
        raise RuntimeError("no CPython found")
    if shutil.which("gcc") is None:
        raise RuntimeError("no gcc found")
    query = "import sysconfig; print(sysconfig.get_paths()['include']); print(sysconfig.get_config_var('EXT_SUFFIX'))"
    include, suffix = subprocess.run([cpython, "-c", query], capture_output=True, text=True, check=True).stdout.split()
    if not os.path.exists(os.path.join(include, "Python.h")):
        raise RuntimeError(f"no CPython headers ({include}/Python.h is missing)")
    module = os.path.join(into, "atomicint" + suffix)
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", f"-I{include}", SOURCE, "-o", module], check=True)
    return module
