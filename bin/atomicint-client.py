"""The client half of bin/atomicint-python: hands an invocation to the resident server for this
build, or runs it directly as GraalPy's launcher (docs/launcher.md, "Resident server").

Usage (from bin/atomicint-python only): atomicint-client.py ROOT CALLED-AS PACKAGE-PATH [ARGS...]

Served: `SCRIPT ARGS`, `-c CODE ARGS` and `-m MODULE ARGS` with no interpreter options, no PYTHON*
variables and no ATOMICINT_JAVA_* settings, once the layout is built and current; through a
virtual environment's python too. The caller's
descriptors 0-2 go to the server (SCM_RIGHTS), with the arguments, directory and environment;
Ctrl-C, SIGTERM and SIGHUP are passed on, and the exit status comes back. Everything else, and
every run while no server is up (one is started in the background once this run ends), runs
directly. Runs with python3 -I -S: it must start in tens of milliseconds.

Also: --server-status, --server-stop, and --server-start (what the background starter runs).
"""

import errno
import os
import signal
import socket
import stat
import struct
import sys
import time

PROTOCOL = "atomicint-run-1"
IDLE_SECONDS = os.environ.get("ATOMICINT_SERVER_IDLE", "600")
HEAP = os.environ.get("ATOMICINT_SERVER_HEAP", "")  # the server's -Xmx (512m, 2g...); unset: the JVM's default
# A server answers a run at once: S (served), D (run directly) or, while the run's context is still
# being made, P and then S or D once it is. A socket nothing answers on (not a server's) must not hang
# the run, nor a server that cannot make a context.
ANSWER_SECONDS = 5
CONTEXT_SECONDS = 120
WATCHED = ("pom.xml", "src/main", "python/atomicint", "bin")  # what bin/atomicint-java rebuilds for


def direct(root, called_as, package_path, args):
    """Replaces this process with GraalPy's launcher on the layout, as bin/atomicint-python always did."""
    command = [os.path.join(root, "bin", "atomicint-java"), "-Dorg.graalvm.launcher.executablename=" + called_as,
               "-m", "org.graalvm.py.launcher/com.oracle.graal.python.shell.GraalPythonMain",
               "--python.PythonPath=" + package_path] + args
    os.execv(command[0], command)


def kind_of(args):
    """("script" | "command" | "module", target, sys.argv) for an invocation the server can run, else None."""
    if not args:
        return None  # the REPL
    first = args[0]
    if first in ("-c", "-m") and len(args) >= 2:
        if first == "-c":
            return "command", args[1], ["-c"] + args[2:]
        return "module", args[1], [args[1]] + args[2:]  # runpy puts the module's path in argv[0]
    if first.startswith("-") or not os.path.isfile(first):
        return None  # options, stdin, or a missing script: GraalPy's own messages
    return "script", first, list(args)


# The start-up variables the server honours (dev.atomicint.launcher.LauncherContexts); it serves a run
# only if the run's values equal its own. Any other PYTHON* variable: run directly.
STARTUP_VARIABLES = {"PYTHONPATH", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONNOUSERSITE",
                     "PYTHONSAFEPATH", "PYTHONHASHSEED", "PYTHONWARNINGS", "PYTHONIOENCODING", "GRAAL_PYTHONHOME"}


def in_venv(called_as):
    """Whether the call came through a virtual environment's python (a pyvenv.cfg beside it or one
    directory up): the server serves it in a context made for that environment."""
    bin_dir = os.path.dirname(called_as)
    return any(os.path.isfile(os.path.join(d, "pyvenv.cfg")) for d in (bin_dir, os.path.dirname(bin_dir)))


def environment_allows():
    for name, value in os.environ.items():
        if value and (name.startswith("PYTHON") or name == "GRAAL_PYTHONHOME") and name not in STARTUP_VARIABLES:
            return False
    return not any(os.environ.get(name) for name in ("ATOMICINT_JAVA_OPTS", "ATOMICINT_JAVA_HOME", "ATOMICINT_SERVER_DEBUG")) \
        and os.environ.get("ATOMICINT_QUICK_START", "0") != "1"


def build_key(root, called_as):
    """The key of the server for this build and executable (by its real path), or None while a build is due."""
    graal = os.path.join(root, "target", "graal")
    try:
        stamp = os.stat(os.path.join(graal, ".built")).st_mtime
        with open(os.path.join(graal, ".classes-digest")) as digest_file:
            digest = digest_file.read().strip()
        with open(os.path.join(graal, ".built")) as built:
            java_home = built.read().strip()
    except OSError:
        return None
    for watched in WATCHED:
        path = os.path.join(root, watched)
        for directory, directories, files in os.walk(path) if os.path.isdir(path) else [(root, [], [watched])]:
            if "__pycache__" in directories:
                directories.remove("__pycache__")  # bytecode that running the sources wrote: not a source
            for name in files:
                try:
                    if os.stat(os.path.join(directory, name)).st_mtime > stamp:
                        return None  # bin/atomicint-java rebuilds first; never use the old build's server
                except OSError:
                    pass
    import hashlib
    # The executable's real path: every spelling of it (relative to another directory, through a
    # link) finds the one server, which gives each run its own spelling as sys.executable.
    executable = os.path.realpath(called_as)
    return hashlib.sha256("\0".join((digest, java_home, executable)).encode()).hexdigest()[:24]


def private_directory():
    """This user's socket directory (0700, owned by the user, not a link), made if missing; None if unsafe."""
    base = os.environ.get("XDG_RUNTIME_DIR") or "/tmp"
    path = os.path.join(base, "atomicint-%d" % os.getuid())
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return path


def heap_option():
    """["-Xmx" + ATOMICINT_SERVER_HEAP] for the server's JVM, [] when unset; a value that is not a
    size (digits, then k, m or g) is refused with a warning, and the server gets the JVM's default."""
    if not HEAP:
        return []
    digits = HEAP[:-1] if HEAP[-1:].lower() in ("k", "m", "g") else HEAP
    if digits.isdigit() and digits.isascii() and int(digits) > 0:
        return ["-Xmx" + HEAP]
    os.write(2, ("atomicint-python: ATOMICINT_SERVER_HEAP=%r is not a size such as 512m or 2g; "
                 "the server starts with the JVM's default heap\n" % HEAP).encode())
    return []


def start_server_later(root, called_as, package_path):
    """Starts the server in the background once this process has ended (so it never slows this run,
    nor races the build it may be about to do): a detached shell waits for this pid, then runs this
    client's --server-start."""
    heap_option()  # here, in the caller's terminal, a bad value is reported
    waiter = 'while kill -0 %d 2>/dev/null; do sleep 0.2; done; exec "$0" -I -S "$@"' % os.getpid()
    if os.fork() == 0:
        try:
            os.setsid()
            if os.fork() != 0:
                os._exit(0)
            null = os.open(os.devnull, os.O_RDWR)
            for target in (0, 1, 2):
                os.dup2(null, target)
            os.execv("/bin/sh", ["/bin/sh", "-c", waiter, sys.executable, os.path.abspath(__file__),
                                 root, called_as, package_path, "--server-start"])
        finally:
            os._exit(127)
    os.wait()


def start_under_way(marker):
    """Whether the start that made ``marker`` is still under way: the process named in it (which
    becomes the server, and deletes the marker once it listens) runs, and the marker is younger than
    10 minutes. A marker still without its pid counts as under way for its first 10 seconds."""
    try:
        age = time.time() - os.stat(marker).st_mtime
        with open(marker) as marker_file:
            pid = marker_file.read().strip()
    except OSError:
        return False
    if not pid.isdigit():
        return age < 10
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False  # it died before listening (its log, beside the socket, may say why)
    except OSError:
        pass
    return age < 600


def become_server(root, called_as, package_path, socket_path):
    """--server-start: becomes the server for this build, unless one runs or is starting (a marker
    file made exclusively, holding this pid; one whose process has died, or older than 10 minutes,
    is a failed start's and is replaced)."""
    marker = socket_path + ".starting"
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        try:
            if start_under_way(marker):
                return 0
            os.unlink(marker)
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except OSError:
            return 0
    os.write(fd, b"%d\n" % os.getpid())  # the server's own pid: this process becomes it (execv)
    os.close(fd)
    log = os.open(socket_path[:-len(".sock")] + ".log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    command = [os.path.join(root, "bin", "atomicint-java")] + heap_option() + ["dev.atomicint.launcher.PythonServer",
               socket_path, called_as, package_path, IDLE_SECONDS]
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)  # not ignored as a background job's are: runs set their own
    os.chdir("/")  # not the first caller's directory, which may be deleted (each run gets its caller's)
    os.execv(command[0], command)


def serve(connection, kind, target, argv, called_as, start_next):
    """Hands the run to the server; answers False if it says to run directly, else never returns.
    ``start_next()`` starts a new server once this run has ended, if this one retires after it."""
    fields = [PROTOCOL, called_as, os.getcwd(), kind, target, str(len(argv))] + argv
    fields += ["%s=%s" % item for item in os.environ.items()]
    message = "".join(field + "\0" for field in fields).encode("utf-8", "surrogateescape")
    data = struct.pack(">i", len(message)) + message
    connection.settimeout(ANSWER_SECONDS)
    sent = socket.send_fds(connection, [data], [0, 1, 2])
    connection.sendall(data[sent:])
    reply = connection.recv(1)
    if reply == b"P":
        connection.settimeout(CONTEXT_SECONDS)
        reply = connection.recv(1)
    connection.settimeout(None)
    if reply != b"S":
        return False
    try:
        wait_for_end(connection, start_next)
    except OSError as error:
        os.write(2, ("atomicint-python: lost the server during this run (%s)\n" % error).encode())
        os._exit(1)


def wait_for_end(connection, start_next):
    """Passes Ctrl-C, SIGTERM and SIGHUP on to the served run and ends as it ends (status or signal).
    A status in lower case ("x", "k"): the run was its server's last (it loaded a C extension, which
    GraalPy allows one context per process, or ran the heap out): start_next() starts its successor."""

    def forward(command):
        def handler(signum, frame):
            try:
                connection.sendall(command)
            except OSError:
                pass
        return handler

    signal.signal(signal.SIGINT, forward(b"I"))
    signal.signal(signal.SIGTERM, forward(b"T"))
    signal.signal(signal.SIGHUP, forward(b"T"))
    end = b""
    while len(end) < 5:
        try:
            chunk = connection.recv(5 - len(end))
        except InterruptedError:
            continue
        if not chunk:
            break
        end += chunk
    if len(end) < 5:
        os.write(2, b"atomicint-python: the server ended this run without an exit status (was it stopped or killed?)\n")
        os._exit(1)
    kind, status = end[:1], struct.unpack(">i", end[1:])[0]
    if kind.islower():
        start_next()
        kind = kind.upper()
    if kind == b"K":
        signal.signal(status, signal.SIG_DFL)
        os.kill(os.getpid(), status)
        time.sleep(1)
        os._exit(128 + status)
    os._exit(status & 0xFF)


def control(socket_path, command):
    """--server-status / --server-stop: prints what the server says, or that none runs."""
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(socket_path)
        message = (command + "\0").encode()
        connection.sendall(struct.pack(">i", len(message)) + message)
        answer = connection.recv(4096)
    except OSError:
        print("atomicint-python: no server runs for this build")
        return 1
    if command == "atomicint-stop-1":
        print("atomicint-python: the server stopped")
    else:
        print("atomicint-python: server " + answer.decode(errors="replace").strip())
    return 0


def main():
    root, called_as, package_path = sys.argv[1:4]
    args = sys.argv[4:]
    key = build_key(root, called_as)
    directory = private_directory()
    socket_path = os.path.join(directory, "python-%s.sock" % key) if key and directory else None
    if args == ["--server-start"]:
        return become_server(root, called_as, package_path, socket_path) if socket_path else 1
    if args and args[0] in ("--server-status", "--server-stop"):
        if socket_path is None:
            print("atomicint-python: no server runs for this build")
            return 1
        return control(socket_path, "atomicint-status-1" if args[0] == "--server-status" else "atomicint-stop-1")
    what = kind_of(args)
    if what is None or not hasattr(socket, "send_fds") or directory is None or not environment_allows():
        direct(root, called_as, package_path, args)
    # The server's own contexts are plain ones: one started by a venv's python gets the real path.
    server_executable = os.path.realpath(called_as) if in_venv(called_as) else called_as
    if socket_path is None:  # a build is due: this run does it, and a server can start after it
        start_server_later(root, server_executable, package_path)
        direct(root, called_as, package_path, args)
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(socket_path)
    except OSError as error:
        connection.close()
        if error.errno in (errno.ENOENT, errno.ECONNREFUSED):
            start_server_later(root, server_executable, package_path)
        direct(root, called_as, package_path, args)
    try:
        served = serve(connection, *what, called_as, lambda: start_server_later(root, server_executable, package_path))
    except OSError:
        served = False  # a server that cannot take the run: run directly, as if there were none
    connection.close()
    if not served:
        direct(root, called_as, package_path, args)


if __name__ == "__main__":
    sys.exit(main())
