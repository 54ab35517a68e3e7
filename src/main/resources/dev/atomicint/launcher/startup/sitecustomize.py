"""bin/atomicint-python's start-up hook, on its path only (never on an embedding's): Ctrl-C as in CPython.

In the REPL, Ctrl-C raises KeyboardInterrupt in running code and abandons a line being typed
(dev.atomicint.launcher.ReplInterrupts: GraalPy 25.0.3's launcher lets its terminal keep SIGINT).
A script that ends with an unhandled KeyboardInterrupt (Ctrl-C) ends its process by SIGINT, as
CPython does, so a shell sees it killed by SIGINT (status 130) where GraalPy alone would exit with
status 1. The REPL is left alone. A ``sitecustomize`` further along the path runs after this one,
as it would have run without it.
"""

import atexit
import os
import signal
import sys


_interactive = False  # whether the REPL ran (GraalPy defines sys.ps1 in every run)


def exit_by_sigint_after_keyboard_interrupt():
    """At exit (registered first, so it runs last): if the top level ended by KeyboardInterrupt."""
    if _interactive or not isinstance(getattr(sys, "last_value", None), KeyboardInterrupt):
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)


def _run_next_sitecustomize():
    import importlib.machinery
    import importlib.util
    here = os.path.dirname(os.path.abspath(__file__))
    others = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", others)
    if spec is not None and spec.loader is not None:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


def _note_the_repl(hook):
    def interactive_hook():
        global _interactive
        _interactive = True
        hook()
        try:
            import java
            interrupts = java.type("dev.atomicint.launcher.ReplInterrupts")
            earlier = interrupts.current()
            signal.signal(signal.SIGINT, signal.default_int_handler)
            interrupts.route(earlier)
        except Exception:
            pass  # not GraalPy on a JVM with atomicint's classes: nothing took SIGINT from Python
    return interactive_hook


atexit.register(exit_by_sigint_after_keyboard_interrupt)
sys.__interactivehook__ = _note_the_repl(getattr(sys, "__interactivehook__", lambda: None))
_run_next_sitecustomize()
