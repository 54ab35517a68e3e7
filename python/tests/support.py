"""What the Python suite needs to know about the Python it runs on.

The suite runs on CPython (the portable backend) and under GraalPy (the Java backends). A test
that only makes sense on one of them says so with one of these decorators and its reason: it is
reported as skipped on the other, never passed without running.
"""

import sys
import unittest

#: Whether atomicint runs on Java here: GraalPy, with the host or the sandbox backend.
ON_JAVA = sys.implementation.name == "graalpy"


def requires_java(reason):
    """Skip the test or class unless atomicint runs on Java (GraalPy); ``reason`` says why it
    only makes sense there."""
    return unittest.skipUnless(ON_JAVA, f"needs the Java backends (GraalPy): {reason}")


def requires_portable_backend(reason):
    """Skip the test or class unless atomicint runs its portable backend (any Python but GraalPy);
    ``reason`` says why it only makes sense there."""
    return unittest.skipIf(ON_JAVA, f"needs the portable backend (not GraalPy): {reason}")


def requires_build_python(reason):
    """Skip the test or class unless it runs under a Python that can build the wheel: CPython 3.11+
    (``tomllib``), not GraalPy; ``reason`` says what it needs from it."""
    return unittest.skipIf(ON_JAVA or sys.version_info < (3, 11),
                           f"needs the python3 (3.11+, not GraalPy) that builds the wheel: {reason}")
