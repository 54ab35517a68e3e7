package dev.atomicint.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resident server of {@code bin/atomicint-python} for tests, in a runtime directory of their
 * own: a launcher run with {@link #env()} talks to it (and to no other test's server).
 */
final class LauncherServer {

    private static final Pattern STATUS = Pattern.compile("server pid (\\d+), up \\d+ s, (\\d+) runs served");

    private final Path runtimeDir;

    private LauncherServer(Path runtimeDir) {
        this.runtimeDir = runtimeDir;
    }

    /** Starts one in {@code runtimeDir} as a user's first run does (a direct run, then the server), and waits until it answers. */
    static LauncherServer start(Path runtimeDir) throws Exception {
        LauncherServer server = new LauncherServer(runtimeDir);
        LauncherRun first = server.python("-c", "pass");
        if (first.exit() != 0) {
            throw new AssertionError("the first run failed: " + first);
        }
        server.await(true);
        return server;
    }

    /** What a launcher run needs in its environment to be served by this server. */
    Map<String, String> env() {
        return Map.of("ATOMICINT_SERVER", "1", "XDG_RUNTIME_DIR", runtimeDir.toString(), "ATOMICINT_SERVER_IDLE", "900");
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LauncherRun.FIRST_USE_SECONDS);
        while ((status() != null) != up) {
            assertTrue(System.nanoTime() < deadline, "the server is still " + (up ? "down" : "up") + " after " + LauncherRun.FIRST_USE_SECONDS + " s");
            Thread.sleep(1000);
        }
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
