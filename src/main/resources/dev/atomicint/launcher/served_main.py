"""Runs one invocation of bin/atomicint-python in a context the resident server made ahead of time.

The server (dev.atomicint.launcher.PythonServer) has already put the caller's standard streams on
descriptors 0, 1 and 2 of its process, and runs this module in a module object of its own (never
``__main__``, which must hold only what the user's code defines). Its ``run`` it gives the context
everything else a direct run would have had from its start (arguments, working directory,
environment, standard streams of the right kind) and then runs the main code as GraalPy's
launcher runs it. Exceptions, ``sys.exit`` and the exit status are left to GraalPy, as in a direct
run.
"""

import atexit
import io
import operator
import os
import posix
import signal
import sys
import time


def _reopen_stdio():
    """sys.stdin/stdout/stderr over descriptors 0-2, buffered as CPython's start-up makes them:
    the context made its own while the server's descriptors were in place (never a terminal)."""

    unbuffered = bool(os.environ.get("PYTHONUNBUFFERED"))  # the server's value too: it serves no other

    def text(fd, mode, errors, line_buffering):
        raw_writes = unbuffered and mode == "w"
        binary = io.open(fd, mode + "b", buffering=0 if raw_writes else -1, closefd=False)
        return io.TextIOWrapper(binary, encoding=sys.__stdout__.encoding, errors=errors,
                                newline="\n" if mode == "w" else None, line_buffering=line_buffering,
                                write_through=raw_writes)

    sys.stdin = sys.__stdin__ = text(0, "r", "strict", False)
    sys.stdout = sys.__stdout__ = text(1, "w", "strict", os.isatty(1))
    sys.stderr = sys.__stderr__ = text(2, "w", "backslashreplace", True)


def _set_environment(pairs):
    pairs = list(pairs)
    os.environ.clear()
    os.environ.update(zip(pairs[0::2], pairs[1::2]))


def run(kind, target, argv, orig_argv, cwd, env_pairs, exit_now, native_loaded):
    """Runs ``target`` (``kind`` "script": a path; "command": the text of -c; "module": the name
    of -m) with ``sys.argv = argv`` in ``cwd`` under the environment ``env_pairs`` (names and
    values alternating), as ``python`` would; answers the exit status. SystemExit and uncaught
    exceptions end as at the top level of ``python``: the status, or the traceback (from the
    user's first frame) through ``sys.excepthook`` and 1, or for KeyboardInterrupt -SIGINT (the
    client then dies by SIGINT, as CPython does). ``os._exit`` ends the run through the server's
    ``exit_now`` (see :func:`_serve_os_exit`). ``native_loaded()`` tells the server that the run
    loads a C extension (see :func:`_report_native_modules`)."""
    try:
        _serve_os_exit(exit_now)
        _report_native_modules(native_loaded)
        _run(kind, target, argv, orig_argv, cwd, env_pairs)
        return 0
    except SystemExit as exit:
        return _exit_status(exit.code)
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == _OWN_FILE:
            tb = tb.tb_next  # this module's own frames: a direct run has none
        sys.excepthook(type(error), error, tb)
        return -signal.SIGINT if isinstance(error, KeyboardInterrupt) else 1
    finally:
        _flush()


def _exit_status(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _serve_os_exit(exit_now):
    """``os._exit`` (``posix._exit``) for a served run: GraalPy's, under the launcher's options,
    halts the JVM, that is the server. This one checks ``status`` as CPython does, then asks the
    server's ``exit_now(status)`` to end the run as the process's ``_exit`` would have ended a
    direct run (the context cancelled: no atexit handlers, no flushing, every thread stopped; the
    client exits with ``status``), and waits for that here."""

    def _exit(status):
        """Exit to the system with specified status, without normal exit processing."""
        status = operator.index(status)
        if not -0x80000000 <= status <= 0x7FFFFFFF:
            raise OverflowError("Python int too large to convert to C int")
        exit_now(status & 0xFF)
        while True:
            time.sleep(60)  # the server cancels the context: the sleep ends by that

    _exit.__module__ = "posix"
    os._exit = posix._exit = _exit


def _report_native_modules(native_loaded):
    """GraalPy lets one context of a process load C extensions, ever (its C API is loaded once per
    process, unless every context sets the experimental IsolateNativeModules): a run that loads one
    is the last the server serves. ``native_loaded()`` is called before the first C extension the
    run loads (``_imp.create_dynamic``, through which importlib loads every one), and at once if
    the context's start-up (``site``, a ``.pth`` file) has loaded one already."""
    import _imp
    from importlib.machinery import ExtensionFileLoader

    create_dynamic = _imp.create_dynamic

    def create_dynamic_reported(spec, file=None):
        native_loaded()
        return create_dynamic(spec) if file is None else create_dynamic(spec, file)

    create_dynamic_reported.__name__ = create_dynamic.__name__
    create_dynamic_reported.__qualname__ = create_dynamic.__qualname__
    create_dynamic_reported.__doc__ = create_dynamic.__doc__
    _imp.create_dynamic = create_dynamic_reported
    if any(isinstance(getattr(module, "__loader__", None), ExtensionFileLoader) for module in list(sys.modules.values())):
        native_loaded()


def _leave_the_exit_to_the_server():
    """The launcher's start-up hook would end this process (the server) by SIGINT after a
    KeyboardInterrupt; a served run's client does that (see ``run``)."""
    hook = sys.modules.get("sitecustomize")
    if hook is not None and hasattr(hook, "exit_by_sigint_after_keyboard_interrupt"):
        atexit.unregister(hook.exit_by_sigint_after_keyboard_interrupt)


def _run(kind, target, argv, orig_argv, cwd, env_pairs):
    _leave_the_exit_to_the_server()
    os.chdir(cwd)
    _set_environment(env_pairs)
    _reopen_stdio()
    sys.orig_argv = list(orig_argv)
    _set_executable(orig_argv[0])
    sys.argv = list(argv)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # the spare context's own first entry, if it made one
    import __main__
    if kind == "module":
        sys.path.insert(0, os.getcwd())
        import runpy
        runpy._run_module_as_main(target, alter_argv=True)
        return
    if kind == "command":
        sys.path.insert(0, "")
        code = compile(target, "<string>", "exec")
    else:
        sys.path.insert(0, os.path.dirname(os.path.abspath(target)))
        with io.open_code(target) as source_file:
            source = source_file.read()
        code = compile(source, target, "exec")
        __main__.__file__ = target
        __main__.__cached__ = None
    exec(code, __main__.__dict__)


def _set_executable(called_as):
    """``sys.executable`` as the caller spelt it, as CPython keeps it (``../bin/python``, a link):
    the server serves every spelling of its executable's real path, and made the context with
    the first."""
    if sys._base_executable == sys.executable:
        sys._base_executable = called_as
    sys.executable = called_as


def _flush():
    """What the end of a direct run flushes (atexit handlers may write more; the context's close flushes those)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


_OWN_FILE = run.__code__.co_filename
