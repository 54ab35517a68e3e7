package dev.atomicint.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The process-wide state a served run changes and the server puts back: descriptors 0-2 (the
 * caller's while a run is served, the server's own, its log, between runs), the working directory and the
 * environment. Java has no dup2, chdir or setenv, so a small context of its own, on GraalPy's native
 * POSIX layer, makes the calls. Only one run is served at a time, so these never race.
 */
final class ProcessState implements AutoCloseable {

    private static final Source CALLS = Source.newBuilder("python", """
            import os
            own = [os.dup(fd) for fd in (0, 1, 2)]  # the server's descriptors 0-2, put back after each run
            def enter(fds):
                for target, fd in enumerate(list(fds)):
                    os.dup2(fd, target, inheritable=True)
            def leave(cwd, set_keys, original_pairs):
                # both: NUL-separated text (names; names and values alternating)
                pairs = original_pairs.split("\0")
                original = dict(zip(pairs[0::2], pairs[1::2]))
                for target, fd in enumerate(own):
                    os.dup2(fd, target, inheritable=True)
                try:
                    os.chdir(cwd)
                except OSError:
                    os.chdir("/")  # the server's directory is gone: any run sets its own anyway
                for key in set_keys.split("\0"):
                    if key not in original:
                        try:
                            os.unsetenv(key)
                        except Exception:
                            pass  # GraalPy raises for a name it never saw set; the process has none then
                for key, value in original.items():
                    os.putenv(key, value)
            (enter, leave)
            """, "atomicint-process-state.py").internal(true).buildLiteral();

    private final Context context;
    private final Value enter;
    private final Value leave;
    private final String cwd = System.getProperty("user.dir");
    private final String originalPairs = String.join("\0", System.getenv().entrySet().stream()
            .flatMap(entry -> java.util.stream.Stream.of(entry.getKey(), entry.getValue())).toList());

    ProcessState() {
        // Streams of its own: GraalPy closes a context's stream for descriptor 1 when os.dup2 replaces
        // it, and with System.out that would close FileDescriptor.out for the whole JVM.
        context = Context.newBuilder("python").allowAllAccess(true).option("engine.WarnInterpreterOnly", "false")
                .option("python.PosixModuleBackend", "native") // the process's own descriptors, not an emulation
                .in(InputStream.nullInputStream()).out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream())
                .build();
        Value calls = context.eval(CALLS);
        enter = calls.getArrayElement(0);
        leave = calls.getArrayElement(1);
    }

    /** Puts descriptors {@code fds[0..2]} on 0, 1 and 2 (the caller keeps its own copies). */
    void enter(int[] fds) {
        enter.execute(Value.asValue(fds));
    }

    /** The server's own descriptors 0-2 back, its directory and environment back (undoing {@code runEnv}). */
    void leave(Map<String, String> runEnv) {
        leave.execute(cwd, String.join("\0", runEnv.keySet()), originalPairs);
    }

    @Override
    public void close() {
        context.close();
    }
}
