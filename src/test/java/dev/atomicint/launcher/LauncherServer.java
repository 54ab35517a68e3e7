package dev.atomicint.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resident server of {@code bin/atomicint-python} for tests, in a runtime directory of their
 * own: a launcher run with {@link #env()} talks to it (and to no server of the user's). One serves
 * all the test classes of a test JVM ({@link #shared}); it is stopped when that JVM exits.
 */
final class LauncherServer {

    private static LauncherServer shared;

    /** The test JVM's server, started (or started again, after a test stopped it) if none answers. */
    static synchronized LauncherServer shared() throws Exception {
        if (shared == null) {
            Path runtimeDir = Files.createTempDirectory("atomicint-runtime");
            shared = new LauncherServer(runtimeDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    shared.stop();
                    try (var files = Files.walk(runtimeDir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                    }
                } catch (Exception ignored) {
                    // an idle server stops by itself; the directory is a temporary one
                }
            }));
        }
        if (shared.status() == null) {
            shared.startHere();
        }
        return shared;
    }

    private static final Pattern STATUS = Pattern.compile("server pid (\\d+), up \\d+ s, (\\d+) runs served");

    private final Path runtimeDir;

    private LauncherServer(Path runtimeDir) {
        this.runtimeDir = runtimeDir;
    }

    /** Starts one as a user's first run does (a direct run, then the server), and waits until it answers. */
    private void startHere() throws Exception {
        LauncherRun first = python("-c", "pass");
        if (first.exit() != 0) {
            throw new AssertionError("the first run failed: " + first);
        }
        await(true);
    }

    /** Where its socket lives: {@code XDG_RUNTIME_DIR} of the runs it serves. */
    Path runtimeDir() {
        return runtimeDir;
    }

    /** The heap the server is started with ({@code ATOMICINT_SERVER_HEAP}): ample for every served test, quick to fill for one. */
    static final int HEAP_MIB = 1024;

    /** What a launcher run needs in its environment to be served by this server. */
    Map<String, String> env() {
        return Map.of("ATOMICINT_SERVER", "1", "XDG_RUNTIME_DIR", runtimeDir.toString(), "ATOMICINT_SERVER_IDLE", "900",
                "ATOMICINT_SERVER_HEAP", HEAP_MIB + "m");
    }

    /** The server's pid and how many runs it has served, or null while none answers. */
    long[] status() throws Exception {
        Matcher m = STATUS.matcher(python("--server-status").out());
        return m.find() ? new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))} : null;
    }

    /** How many runs it has served (it must be up). */
    long served() throws Exception {
        long[] status = status();
        assertTrue(status != null, "no server answers");
        return status[1];
    }

    /** Waits until a server answers ({@code up}) or none does. */
    void await(boolean up) throws Exception {
        awaitStatus(status -> (status != null) == up, "the server is still " + (up ? "down" : "up"));
    }

    /** Waits until a server other than {@code pid} answers; answers its pid. */
    long awaitOtherThan(long pid) throws Exception {
        return awaitStatus(status -> status != null && status[0] != pid, "no server other than " + pid + " answers")[0];
    }

    /**
     * Waits for the server that a run which found none (or whose server retired) started in the
     * background. If none answers within {@link #SUCCESSOR_SECONDS} (it never started, or it died:
     * a CI run of 2026-12-08 had one die of a full heap 14 s after it began to listen), the next run
     * must still work, directly, and start one that answers.
     */
    void awaitSuccessor() throws Exception {
        if (awaitStatus(status -> status != null, null, SUCCESSOR_SECONDS) != null) {
            return;
        }
        System.err.println("no successor server answered within " + SUCCESSOR_SECONDS + " s; its log:\n" + logs());
        LauncherRun next = python("-c", "pass");
        if (next.exit() != 0) {
            throw new AssertionError("the run after a server that did not come up failed: " + next);
        }
        await(true);
    }

    /** Ample for a server of a finished build to start, at load. */
    private static final int SUCCESSOR_SECONDS = 240;

    /** Polls {@link #status} until {@code reached} holds of it (within the first use's time); answers that status. */
    private long[] awaitStatus(java.util.function.Predicate<long[]> reached, String failure) throws Exception {
        return awaitStatus(reached, failure, LauncherRun.FIRST_USE_SECONDS);
    }

    /**
     * Polls {@link #status} until {@code reached} holds of it, for up to {@code seconds}; answers that
     * status. When the time is up: fails with {@code failure} and the servers' logs, or answers null
     * if {@code failure} is null.
     */
    private long[] awaitStatus(java.util.function.Predicate<long[]> reached, String failure, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long[] status;
        while (!reached.test(status = status())) {
            if (System.nanoTime() > deadline) {
                if (failure == null) {
                    return null;
                }
                throw new AssertionError(failure + " after " + seconds + " s; the servers' logs:\n" + logs());
            }
            Thread.sleep(250);
        }
        return status;
    }

    /** The last lines of each server log in the socket directory (why a server stopped, or what it last did). */
    String logs() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(socketDirectory())) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                all.append("== ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(line -> all.append(line).append('\n'));
            }
        } catch (java.io.IOException none) {
            all.append("(no socket directory: ").append(none).append(")\n");
        }
        return all.toString();
    }

    /** The directory of its socket, its log and its start marker: {@code XDG_RUNTIME_DIR/atomicint-UID}. */
    Path socketDirectory() throws Exception {
        return runtimeDir.resolve("atomicint-" + Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    void stop() throws Exception {
        python("--server-stop");
    }

    private LauncherRun python(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LauncherRun.PYTHON.toString()));
        command.addAll(List.of(args));
        return LauncherRun.run(command, "", env(), runtimeDir, 300);
    }
}
