package dev.atomicint.launcher;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.FileDescriptorCast;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The resident server behind {@code bin/atomicint-python}: one warm JVM that runs each invocation
 * its client hands it, in a context of its own made ahead of time (see {@link LauncherContexts}),
 * with the caller's descriptors, arguments, directory and environment (docs/launcher.md, "Resident
 * server").
 *
 * <pre>PythonServer SOCKET EXECUTABLE PACKAGE-PATH IDLE-SECONDS</pre>
 *
 * It listens on {@code SOCKET} in a directory only its user may open, serves only that user (the
 * peer's uid is checked), runs one invocation at a time (the process's descriptors, directory and
 * environment are the run's while it runs; a second caller is told to run directly), and exits
 * after {@code IDLE-SECONDS} without a run, or when asked to stop.
 */
public final class PythonServer {

    /** Largest request accepted: arguments and environment of a real invocation are far smaller. */
    private static final int MAX_REQUEST = 4 << 20;

    private final Path socketPath;
    private final LauncherContexts contexts;
    private final ProcessState processState = new ProcessState();
    private final Semaphore serving = new Semaphore(1);
    private final AtomicLong runs = new AtomicLong();
    private final long started = System.currentTimeMillis();
    private final long uid;
    /** The next run's context and thread, made while no run is going on (making one takes the CPU a run would use). */
    private volatile RunThread spare;
    /** The run going on, if any. */
    private volatile ServedRun current;
    private volatile boolean stopping;

    private PythonServer(Path socketPath, LauncherContexts contexts, long uid) {
        this.socketPath = socketPath;
        this.contexts = contexts;
        this.uid = uid;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PythonServer SOCKET EXECUTABLE PACKAGE-PATH IDLE-SECONDS");
            System.exit(2);
        }
        Path socket = Path.of(args[0]).toAbsolutePath();
        long uid = checkPrivateDirectory(socket.getParent());
        PythonServer server = new PythonServer(socket, new LauncherContexts(args[1], args[2], logFile(socket)), uid);
        server.serve(Integer.parseInt(args[3]) * 1000);
    }

    /** Where the client sends this server's output: beside the socket. */
    private static String logFile(Path socket) {
        String name = socket.getFileName().toString();
        return socket.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".log").toString();
    }

    /** The directory must be this user's own, not a link, and closed to everyone else; answers the user's uid. */
    private static long checkPrivateDirectory(Path directory) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        Object owner = Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        long self = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) || !ownerOnly.containsAll(permissions)
                || ((Number) owner).longValue() != self) {
            throw new IOException(directory + " must be a directory of this user's with mode 0700");
        }
        return self;
    }

    private void serve(int idleMillis) throws IOException {
        Path starting = Path.of(socketPath + ".starting");
        try {
            if (Files.exists(socketPath)) {
                try (AFUNIXSocket live = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socketPath.toFile()))) {
                    log("another server already serves " + socketPath + "; this one exits");
                    return; // one warm engine per build
                } catch (IOException stale) {
                    Files.delete(socketPath); // left by a server that was killed
                }
            }
            handleSigint();
            listen(idleMillis, starting);
        } finally {
            endStart(starting);
        }
        System.exit(0);
    }

    /**
     * Deletes the client's marker of this server's start (bin/atomicint-client.py writes the pid
     * that becomes this server into it), once it listens or has failed to: while it is there, no
     * other server is started for this build. Another start's marker is left alone.
     */
    private static void endStart(Path starting) {
        try {
            if (Files.readString(starting).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(starting);
            }
        } catch (IOException gone) {
            // no marker (deleted, or a server started by hand)
        }
    }

    private void listen(int idleMillis, Path starting) throws IOException {
        try (AFUNIXServerSocket server = AFUNIXServerSocket.newInstance()) {
            server.bind(AFUNIXSocketAddress.of(socketPath.toFile()));
            server.setSoTimeout(idleMillis);
            endStart(starting);
            log("pid " + ProcessHandle.current().pid() + " serves on " + socketPath);
            prepareSpare();
            try {
                acceptRuns(server, idleMillis);
            } catch (OutOfMemoryError e) {
                // Never through the socket's close (try-with-resources closes before any catch of
                // its own): junixsocket's native close crashed the JVM (SIGSEGV) in a full heap (a CI
                // run of 2026-12-08). The socket file goes and the process exits.
                exitForGood("exits: out of memory", 1);
            }
        } finally {
            Files.deleteIfExists(socketPath);
        }
    }

    /** Hands each connection to a thread of its own until asked to stop or idle for {@code idleMillis}. */
    private void acceptRuns(AFUNIXServerSocket server, int idleMillis) throws IOException {
        while (!stopping) {
            AFUNIXSocket connection;
            try {
                connection = server.accept();
            } catch (SocketTimeoutException idle) {
                if (serving.tryAcquire()) {
                    log("stops: no run for " + idleMillis / 1000 + " s");
                    break; // idle for the whole time, and no run going on
                }
                continue;
            }
            Thread.ofPlatform().name("atomicint-serve").start(() -> handle(connection));
        }
    }

    private void handle(AFUNIXSocket connection) {
        try (connection) {
            connection.setAncillaryReceiveBufferSize(1024);
            if (connection.getPeerCredentials().getUid() != uid) {
                return; // another user's process: say nothing
            }
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            byte[] message = readMessage(new DataInputStream(in));
            FileDescriptor[] fds = connection.getReceivedFileDescriptors();
            try {
                if (new String(message, StandardCharsets.UTF_8).startsWith("atomicint-stop-1\0")) {
                    out.write('B');
                    stopping = true;
                    connection.close();
                    exitForGood("stops: asked to", 0);
                }
                if (new String(message, StandardCharsets.UTF_8).startsWith("atomicint-status-1\0")) {
                    out.write(("pid " + ProcessHandle.current().pid() + ", up " + (System.currentTimeMillis() - started) / 1000
                            + " s, " + runs.get() + " runs served, executable " + contexts.executable() + "\n").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                RunRequest request = RunRequest.parse(message);
                if (fds == null || fds.length != 3) {
                    direct(out, "no standard descriptors were passed");
                } else if (!contexts.isExecutable(request.executable())) {
                    direct(out, "this server serves " + contexts.executable());
                } else if (!contexts.startsAsThis(request.env())) {
                    direct(out, "the caller's PYTHON* variables differ from the server's");
                } else if (!serving.tryAcquire()) {
                    direct(out, "the server is busy with another run");
                } else {
                    try {
                        serve(request, fds, in, out);
                    } finally {
                        serving.release();
                    }
                }
            } finally {
                closeAll(fds);
            }
        } catch (OutOfMemoryError e) {
            exitForGood("exits: out of memory", 1); // the client sees the connection end without a status and says so
        } catch (IOException | RuntimeException e) {
            // the client went away or sent nonsense: it runs directly or reports the failure itself
            log("a connection failed: " + e + (e.getCause() == null ? "" : ", caused by " + e.getCause()));
        }
    }

    private void serve(RunRequest request, FileDescriptor[] fds, InputStream in, OutputStream out) throws IOException {
        // A virtual environment's python gets a context of its own, made now (its prefix and
        // site-packages are set as the context starts); the spare waits for the next plain run.
        Path venvConfig = LauncherContexts.venvConfig(request.executable());
        boolean plain = venvConfig == null;
        RunThread runner = plain ? spare : new RunThread(() -> contexts.newVenvContext(request.executable(), venvConfig));
        if (!runner.settled()) {
            // 'P': the run's context is still being made (a new server's first, a venv's), which
            // may take longer than the client waits for a first answer from a socket.
            answer(out, 'P', runner, plain);
        }
        if (!runner.ready()) {
            if (!plain) {
                direct(out, "no context could be made for the virtual environment " + venvConfig.getParent());
                return;
            }
            runner = new RunThread(contexts::newContext); // making the spare failed: try once more, for this run
        }
        answer(out, 'S', runner, plain);
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            numbers[i] = FileDescriptorCast.using(fds[i]).as(Integer.class);
        }
        processState.enter(numbers);
        try {
            runner.run(context -> {
                ServedRun run = new ServedRun(context, request);
                current = run;
                run.run(in, out);
            });
            runs.incrementAndGet();
        } finally {
            ServedRun ended = current;
            current = null;
            try {
                processState.leave(request.env());
            } finally {
                closeAll(fds); // the caller's pipes must see their end when the run ends, not later
                if (!handleSigint()) {
                    // The run left SIGINT ignored, and HotSpot never lets a process handle an ignored
                    // SIGINT again: a later run's Ctrl-C could not reach it. The next invocation starts afresh.
                    exitForGood("retires: a run left SIGINT ignored", 0);
                }
                if (ended != null && ended.isLast()) {
                    // GraalPy loads its C API for one context per process, ever: a later run here
                    // could load no C extension. A heap that ran out may have failed any thread's
                    // allocation. Either way the next invocation starts afresh.
                    exitForGood("retires: " + (ended.loadedNative() ? "a run loaded a C extension" : "a run ran out of memory"), 0);
                }
                if (plain) {
                    prepareSpare(); // whatever failed above: the next run needs a context of its own
                }
            }
        }
    }

    /**
     * Stops serving for good, saying {@code why} in the log: the socket goes first, so the next
     * invocation finds no server, runs directly and starts a new one. The process exits with
     * {@code status} whatever fails on the way (a full heap, a socket already gone).
     */
    private void exitForGood(String why, int status) {
        try {
            log(why);
            Files.deleteIfExists(socketPath);
        } catch (Throwable failed) {
            // a stale socket is replaced by the next server all the same
        }
        System.exit(status);
    }

    /** A line in this server's log (its standard error: the file beside the socket). */
    private static void log(String message) {
        System.err.println(java.time.Instant.now() + " atomicint-python server: " + message);
    }

    /**
     * Makes this server's own handler SIGINT's action (a context's close puts back the one it found;
     * one cancelled may not have): while a run's context has none of its own (its Python code set
     * SIG_DFL), the run ends as a direct run would die by SIGINT; between runs the signal is
     * ignored (the server has no terminal: a SIGINT can only come from a client's Ctrl-C raced with
     * a run's end). Answers false if SIGINT is ignored at the OS level, where no handler can be set.
     */
    private boolean handleSigint() {
        SignalHandler previous = Signal.handle(new Signal("INT"), signal -> {
            ServedRun run = current;
            if (run != null) {
                run.cancel(ServedRun.SIGINT);
            }
        });
        return previous != SignalHandler.SIG_IGN;
    }

    private void prepareSpare() {
        spare = new RunThread(contexts::newContext);
    }

    /** Tells the client how its run goes; if it has given up waiting (it runs directly), the context is kept or discarded. */
    private void answer(OutputStream out, char answer, RunThread runner, boolean plain) throws IOException {
        try {
            out.write(answer);
            out.flush();
        } catch (IOException gone) {
            if (plain) {
                spare = runner; // the context serves the next run
            } else {
                runner.discard();
            }
            throw gone;
        }
    }

    private static void direct(OutputStream out, String reason) throws IOException {
        out.write(('D' + reason).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static byte[] readMessage(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_REQUEST) {
            throw new IOException("request of " + length + " bytes");
        }
        byte[] message = new byte[length];
        in.readFully(message);
        return message;
    }

    private static void closeAll(FileDescriptor[] fds) {
        if (fds == null) {
            return;
        }
        for (FileDescriptor fd : fds) {
            if (fd.valid()) {
                try {
                    new FileInputStream(fd).close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }
}
