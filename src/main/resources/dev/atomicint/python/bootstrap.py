# Run once per context by dev.atomicint.python.AtomicIntPython.install: makes the
# `atomicint` package importable from the jar and hands it its link to Java.
# It evaluates to `install`, which the Java side calls with that link.
import sys


class _JarPackageLoader:
    """Finds and loads `atomicint` and its submodules from the sources in the jar."""

    def __init__(self, read_source):
        self._read_source = read_source  # Java: relative path -> source text, or None

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "atomicint" and not fullname.startswith("atomicint."):
            return None
        relative = fullname.replace(".", "/")
        for candidate, is_package in ((relative + "/__init__.py", True), (relative + ".py", False)):
            source = self._read_source(candidate)
            if source is not None:
                spec = _ModuleSpec(fullname, self, origin="jar:" + candidate, is_package=is_package)
                spec.has_location = True
                spec.loader_state = str(source)
                if is_package:
                    spec.submodule_search_locations = []
                return spec
        return None

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module):
        spec = module.__spec__
        module.__file__ = spec.origin
        exec(compile(spec.loader_state, spec.origin, "exec"), module.__dict__)

    def get_source(self, fullname):
        spec = sys.modules[fullname].__spec__
        return spec.loader_state


_ModuleSpec = type(sys.__spec__)  # importlib.machinery.ModuleSpec, without importing importlib


def _to_python(atomic_int, proxy):
    """How Java shares an AtomicInt: the host object itself, or in sandbox mode a wrapped proxy."""
    import atomicint
    from atomicint._bridge import sandboxed
    return atomicint.AtomicInt._wrap(proxy) if sandboxed else atomic_int


def install(read_source, link):
    """Put the jar loader on sys.meta_path, publish `atomicint._bridge`, import atomicint."""
    if "atomicint._bridge" in sys.modules:
        raise RuntimeError("atomicint is already installed in this context")
    sys.meta_path.insert(0, _JarPackageLoader(read_source))
    bridge = type(sys)("atomicint._bridge", "The Java side's link to this context, set by AtomicIntPython.")
    for name in dir(link):  # the map's keys, this mode's entries only (AtomicIntPython.install / installSandboxed)
        if not name.startswith("_"):  # dir() adds Python's own attributes of a foreign object
            setattr(bridge, name, getattr(link, name))
    bridge.sandboxed = bool(link.sandboxed)
    bridge.to_python = _to_python
    sys.modules["atomicint._bridge"] = bridge
    import atexit
    atexit.register(link.close_stores)  # Context.close() closes the stores this context's code opened
    import atomicint
    return atomicint


install
