"""atomicint's Java classes for a GraalPy that has no Java set-up: the jar the wheel carries.

GraalPy's own launcher on a JVM (the JVM standalone, or ``GraalPythonMain`` on a stock JDK) allows
host class lookup and loading, but no atomicint class is on its class path. The wheel carries them,
as ``atomicint/atomicint.jar`` beside this module (python/build_wheel.py), and :func:`java_type`
adds that jar to the context's class path (``java.add_to_classpath``) the first time a class is not
found. Where a jar is already on the class path (``bin/atomicint-python``) it is never added; where
the context allows no host class loading (the strict set-ups of ``AtomicIntPython``, which never
come here, or any embedder's refusal) adding raises and the class stays unreachable.
"""

from ._protocol import OWN_FILES

__all__ = ["JAR", "java_type"]

#: The jar the wheel carries (absent from a source checkout and from the package an embedding serves).
#: No file system call here: a context without IO refuses even ``getcwd``.
JAR = OWN_FILES + "atomicint.jar"


def java_type(name):
    """The Java class ``name`` (``java.type``), once the wheel's jar is on the class path if it was
    not found. Raises what ``java.type`` raises (KeyError: not found or not allowed;
    NotImplementedError: no host lookup), or ``java.add_to_classpath``'s refusal."""
    import java
    try:
        return java.type(name)
    except KeyError:
        if not _carried():
            raise
    java.add_to_classpath(JAR)
    return java.type(name)


def _carried():
    """Whether the jar is there: never where the context allows no IO (GraalPy then raises Java's
    SecurityException, not an OSError, for any look at the file system)."""
    import os  # here: importing atomicint imports nothing of the standard library
    try:
        return os.path.isfile(JAR)
    except Exception:  # the host's SecurityException is no OSError
        return False
