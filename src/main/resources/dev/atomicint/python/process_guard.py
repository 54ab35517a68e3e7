# Run by dev.atomicint.python.AtomicIntPython.newContext / newSandboxedContext before any other
# Python code: takes the process-wide signal functions away from the context.
#
# GraalPy 25.0.3 implements them on the JVM's own signal handling (sun.misc.Signal), with no
# option to refuse them (GraalPy 25.1 adds python.AllowSignalHandlers): measured, a context's
# signal.signal(SIGTERM, SIG_IGN) made the whole JVM ignore SIGTERM after that context closed, and
# signal.raise_signal(SIGTERM), or signal.alarm(1) / setitimer, ended the JVM. GraalPy keeps one
# _signal module object per context (re-import, importlib.reload and _imp.create_builtin return
# it), so replacing its functions here covers every later `import signal`.


def _guard_signals():
    import _signal
    import signal

    def refused(name):
        def refuse(*args, **kwargs):
            raise PermissionError(f"signal.{name}() is refused: signals belong to the whole JVM, which this context"
                                  f" shares (AtomicIntPython's strict set-ups allow no process-wide effects)")
        refuse.__name__ = refuse.__qualname__ = name
        return refuse

    for name in ("signal", "raise_signal", "alarm", "setitimer", "siginterrupt", "set_wakeup_fd", "pthread_kill"):
        for module in (_signal, signal):
            if hasattr(module, name):
                setattr(module, name, refused(name))


_guard_signals()
del _guard_signals
