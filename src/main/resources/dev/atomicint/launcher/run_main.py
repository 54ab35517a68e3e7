# Runs the launcher's target as `python` would: as __main__, with sys.argv set by the
# context, a traceback on stderr for an uncaught exception, and Python's exit-code rules.
# Evaluates to `run`, which returns the process exit code.
import sys


def _exit_code(exit):
    code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _finish():
    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()  # like Py_FinalizeEx: wait for non-daemon threads
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def run(mode, target):
    import runpy
    try:
        try:
            if mode == "-c":
                sys.path.insert(0, "")
                exec(compile(target, "<string>", "exec"), sys.modules["__main__"].__dict__)
            elif mode == "-m":
                sys.path.insert(0, "")
                runpy.run_module(target, run_name="__main__", alter_sys=True)
            else:
                runpy.run_path(target, run_name="__main__")
        finally:
            _finish()
    except SystemExit as exit:
        return _exit_code(exit)
    except BaseException:
        import traceback
        traceback.print_exc()
        return 1
    return 0


run
