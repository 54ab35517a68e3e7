"""What the Python suite needs to know about the Python it runs on.

The suite runs on CPython (the portable backend) and under GraalPy (the Java backends). A test
that only makes sense on one of them says so with one of these decorators and its reason: it is
reported as skipped on the other, never passed without running.

It also keeps an error with its traceback (:class:`Raised`) and names the frames of atomicint's
own code in it (:func:`own_frames`), for the tests of where an error's traceback ends.
"""

import os
import sys
import traceback
import unittest

import atomicint

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


#: atomicint's own files, as the frames of a traceback name them.
_PACKAGE_FILES = os.path.join(os.path.dirname(atomicint.__file__), "")

#: How many of atomicint's frames a traceback may keep at most: none from Python 3.11 on; Python 3.10
#: re-raises a traceback as it was caught, with the catching method's frame (see
#: atomicint._protocol.drop_own_frames).
OWN_FRAMES_KEPT = 0 if sys.version_info >= (3, 11) else 1


class Raised:
    """``with Raised(ZeroDivisionError) as raised: ...`` keeps the error with its traceback in
    ``raised.error`` (``assertRaises`` drops the traceback); any other outcome propagates."""

    def __init__(self, kind):
        self.kind = kind
        self.error = None

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None:
            raise AssertionError(f"{self.kind.__name__} not raised")
        if not isinstance(error, self.kind):
            return False
        self.error = error
        return True


def own_frames(error):
    """The frames of ``error``'s traceback whose code is in atomicint's own files."""
    return [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.startswith(_PACKAGE_FILES)]
