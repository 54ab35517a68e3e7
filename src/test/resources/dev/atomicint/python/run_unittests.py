# Runs the Python suite (python/tests) with unittest and reports every case to the JUnit
# runner: evaluates to `run`, which answers a list of [test id, outcome, detail].
import os
import sys
import traceback
import unittest


class _Collector(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.outcomes = []

    def _record(self, test, outcome, detail=""):
        self.outcomes.append([test.id(), outcome, detail])

    def addSuccess(self, test):
        self._record(test, "passed")

    def addFailure(self, test, err):
        self._record(test, "failed", "".join(traceback.format_exception(*err)))

    def addError(self, test, err):
        self._record(test, "failed", "".join(traceback.format_exception(*err)))

    def addSkip(self, test, reason):
        self._record(test, "skipped", reason)

    def addExpectedFailure(self, test, err):
        self._record(test, "passed")

    def addUnexpectedSuccess(self, test):
        self._record(test, "failed", "unexpected success")

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self._record(subtest, "failed", "".join(traceback.format_exception(*err)))


def run(tests_dir):
    # python/tests is a package (its tests import `.support`), discovered from python/ as
    # `python3 -m unittest` does there. atomicint itself is already imported by the set-up call.
    top_level = os.path.dirname(tests_dir)
    if top_level not in sys.path:
        sys.path.insert(0, top_level)
    suite = unittest.defaultTestLoader.discover(tests_dir, pattern="test_*.py", top_level_dir=top_level)
    collector = _Collector()
    suite.run(collector)
    return collector.outcomes


run
