"""The Python suite of atomicint: ``python3 -m unittest`` from ``python/`` (CPython, the portable
backend), and under GraalPy in host and sandbox mode by ``PythonSuiteTest`` in ``mvn test``."""
