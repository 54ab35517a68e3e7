package dev.atomicint.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import sun.misc.Signal;

/**
 * One served invocation: runs a {@link RunRequest} in a prepared context with the caller's
 * descriptors on 0-2, relays the caller's Ctrl-C and termination, and answers with the exit status.
 *
 * <p>Replies to the client: {@code 'X'} and a 4-byte exit status, or {@code 'K'} and a 4-byte signal
 * number (the run ended by that signal, as a direct run would have died by it: an unhandled
 * KeyboardInterrupt, or a cancelled run); in lower case ({@code 'x'}, {@code 'k'}) when the run is
 * its server's last ({@link #isLast}), after which the server retires and the client starts the next one. From the client during the run: {@code 'I'} (Ctrl-C: SIGINT
 * is raised in this process, where the run's context handles it as a direct run's would: by default
 * a KeyboardInterrupt in its main thread), {@code 'T'} (SIGTERM or SIGHUP: the run is cancelled), or
 * the end of the connection (the client is gone: the run is cancelled).
 */
final class ServedRun {

    private static final String MAIN = LauncherResources.read("served_main.py");

    static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    private final Context context;
    private final RunRequest request;
    private volatile int cancelledBy;
    private volatile int exitStatus = -1; // what the run's code gave os._exit, once it called it
    private volatile boolean finished; // set once the run has ended: the client's closing the connection then cancels nothing
    private volatile boolean loadedNative; // set before the run's first C extension loads (served_main.py)
    private volatile boolean ranOutOfMemory; // the heap ran out during the run: no thread of this JVM is to be trusted after it

    ServedRun(Context context, RunRequest request) {
        this.context = context;
        this.request = request;
    }

    /** Runs the request on this thread while a second thread reads {@code control}; writes the reply to {@code reply}. */
    void run(InputStream control, OutputStream reply) throws IOException {
        Thread relay = Thread.ofPlatform().daemon().name("atomicint-run-control").start(() -> relayControl(control));
        byte kind = 'X';
        int status;
        try {
            status = runMain();
        } finally {
            finished = true;
        }
        if (status < 0) { // served_main.py's answer for an unhandled KeyboardInterrupt: -SIGINT
            kind = 'K';
            status = -status;
        }
        if (cancelledBy != 0) {
            kind = 'K';
            status = cancelledBy;
        }
        if (isLast()) {
            kind = (byte) Character.toLowerCase(kind);
        }
        reply.write(ByteBuffer.allocate(5).put(kind).putInt(status).array());
        reply.flush();
    }

    /**
     * The run's exit status: what os._exit was given, if the run's code called it (from any thread)
     * before its context closed, else how the run ended.
     */
    private int runMain() {
        int status = runToTheEnd();
        return exitStatus >= 0 ? exitStatus : status;
    }

    private int runToTheEnd() {
        try {
            int status = servedMain().execute(request.kind(), request.target(), request.argv().toArray(new String[0]),
                    orig(), request.cwd(), envPairs(), (ProxyExecutable) arguments -> exitNow(arguments[0].asInt()),
                    (ProxyExecutable) arguments -> loadedNative = true).asInt();
            closeAfter();
            return status;
        } catch (PolyglotException e) {
            if (e.isExit()) {
                closeAfter();
                return e.getExitStatus();
            }
            if (exitStatus >= 0 || e.isCancelled() || e.isInterrupted()) { // os._exit cancels the context
                return 128 + SIGTERM;
            }
            ranOutOfMemory = e.isResourceExhausted();
            report(ranOutOfMemory ? "atomicint-python: the server ran out of memory running this (" + e.getMessage() + "); it stops after it"
                    : "atomicint-python: the server failed to run this: " + e.getMessage());
            context.close(true);
            return 1;
        } catch (OutOfMemoryError e) {
            ranOutOfMemory = true;
            report("atomicint-python: the server ran out of memory running this; it stops, and the next run starts afresh");
            throw e;
        } catch (RuntimeException | Error e) {
            report("atomicint-python: the server failed to run this: " + e);
            context.close(true);
            return 1;
        }
    }

    /**
     * served_main.py's {@code run}, executed in a module object of its own: evaluating it as a
     * source would define its names in {@code __main__}, where the user's code would see them.
     * Each expression evaluated here binds no name.
     */
    private Value servedMain() {
        Value module = context.eval("python", "__import__('types').ModuleType('atomicint_served')");
        Value code = context.eval("python", "compile").execute(MAIN, "atomicint-served-main.py", "exec");
        context.eval("python", "exec").execute(code, module.getMember("__dict__"));
        return module.getMember("run");
    }

    private String[] envPairs() {
        return request.env().entrySet().stream()
                .flatMap(entry -> java.util.stream.Stream.of(entry.getKey(), entry.getValue())).toArray(String[]::new);
    }

    /** {@code sys.orig_argv}: the executable, then what followed it (the script, or -c CODE / -m NAME, then the arguments). */
    private String[] orig() {
        List<String> orig = new ArrayList<>(List.of(request.executable()));
        if (request.kind().equals("script")) {
            orig.addAll(request.argv());
        } else {
            orig.add(request.kind().equals("command") ? "-c" : "-m");
            orig.add(request.target());
            orig.addAll(request.argv().subList(1, request.argv().size()));
        }
        return orig.toArray(new String[0]);
    }

    /** Ends the context as the process's exit would: atexit handlers, then any threads left are cancelled. */
    private void closeAfter() {
        try {
            context.close();
        } catch (PolyglotException | IllegalStateException e) {
            context.close(true); // threads still running: a process exit would have ended them
        }
    }

    private void relayControl(InputStream control) {
        try {
            int command;
            while ((command = control.read()) >= 0) {
                if (command == 'I') {
                    interrupt();
                } else if (command == 'T') {
                    cancel(SIGTERM);
                    return;
                }
            }
            cancel(SIGTERM); // the client is gone: nothing is left to see the run's output
        } catch (IOException e) {
            cancel(SIGTERM); // likewise
        }
    }

    /**
     * Ctrl-C: SIGINT raised in this process reaches the handler the run's context has set (by
     * default GraalPy's, which raises KeyboardInterrupt in the context's main thread), or the
     * server's own, which ends the run as SIGINT's default action would (see PythonServer).
     */
    private void interrupt() {
        if (!finished) {
            try {
                Signal.raise(new Signal("INT"));
            } catch (IllegalArgumentException ignored) {
                // the run's code ignores SIGINT (SIG_IGN), as a direct run would
            }
        }
    }

    /**
     * {@code os._exit(status)} in the run (served_main.py): ends it as the process's {@code _exit}
     * would have ended a direct run, the context cancelled with nothing more of the run's code run.
     * The first call wins, as the first {@code _exit} of a process does (synchronized: two threads
     * may call it at once).
     */
    private synchronized Object exitNow(int status) {
        if (exitStatus < 0 && !finished) {
            exitStatus = status;
            onOwnThread(() -> context.close(true));
        }
        return null;
    }

    /**
     * Whether the run loaded a C extension (or was about to): GraalPy loads its C API once per
     * process, for one context only, so no later run in this process could load one.
     */
    boolean loadedNative() {
        return loadedNative;
    }

    /**
     * Whether this run is its server's last: it loaded a C extension ({@link #loadedNative}), or
     * ran the heap out (after which any thread of the JVM may have lost an allocation). The reply
     * says so, and the client starts the next server.
     */
    boolean isLast() {
        return loadedNative || ranOutOfMemory;
    }

    /** Ends the run as {@code signal}'s default action would have ended a direct run. */
    void cancel(int signal) {
        if (finished) {
            return; // the connection ends after every run
        }
        cancelledBy = signal;
        onOwnThread(() -> context.close(true));
    }

    /**
     * Runs {@code action} on a thread that ends with it: a thread that has entered the context and
     * lives on (this relay) would make the context's close wait for it and log a warning.
     */
    private static void onOwnThread(Runnable action) {
        Thread.ofPlatform().daemon().name("atomicint-run-signal").start(() -> {
            try {
                action.run();
            } catch (PolyglotException | IllegalStateException ended) {
                // the run ended meanwhile
            }
        });
    }

    private static void report(String message) {
        StandardError.write(message + "\n");
    }
}
