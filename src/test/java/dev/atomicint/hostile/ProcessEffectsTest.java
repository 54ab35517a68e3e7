package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python in a strict context ({@code newContext}, {@code newSandboxedContext}, granted nothing)
 * reaches no process-wide state: the JVM's signal handling and its standard streams stay the JVM's.
 * Each effect runs in a child JVM ({@link GuestEffects}), in both modes. (Before: each of these
 * reached the JVM; see issue #15.)
 */
class ProcessEffectsTest {

    private static final String BOTH_REFUSED = "host: raised PermissionError\nsandbox: raised PermissionError\n";

    @TempDir
    Path dir;

    @Test
    void installingASignalHandlerIsRefusedAndTheJvmStillEndsOnSigterm() throws Exception {
        Process child = start("import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)", "wait");
        String out = awaitLine(child, "waiting");
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the JVM ignored SIGTERM after a context's signal.signal; out:\n" + out);
        assertTrue(out.startsWith(BOTH_REFUSED), out);
        assertEquals(143, child.exitValue(), "not ended by SIGTERM");
    }

    @Test
    void raisingASignalIsRefusedAndTheJvmLivesOn() throws Exception {
        String out = finish(start("import signal\nsignal.raise_signal(signal.SIGTERM)"));
        assertEquals(BOTH_REFUSED + "stdout still open\nexiting\n", out);
    }

    @Test
    void aTimerSignalIsRefusedAndTheJvmLivesOn() throws Exception {
        String out = finish(start("import signal, time\nsignal.setitimer(signal.ITIMER_REAL, 0.01)\ntime.sleep(1)"));
        assertEquals(BOTH_REFUSED + "stdout still open\nexiting\n", out);
    }

    @Test
    void closingTheStandardDescriptorsLeavesTheJvmsStreamsOpen() throws Exception {
        Process child = start("import os\nos.close(0)\nos.close(1)\nos.close(2)");
        String out = finish(child);
        assertEquals("host: returned\nsandbox: returned\nstdout still open\nexiting\n", out);
        assertTrue(Files.readString(dir.resolve("err")).contains("stderr still open"), Files.readString(dir.resolve("err")));
    }

    @Test
    void writingDescriptorOneWritesWherePrintWrites() throws Exception {
        String out = finish(start("import os\nos.write(1, b'fd 1\\n')\nprint('print')"));
        assertEquals("fd 1\nprint\nhost: returned\nfd 1\nprint\nsandbox: returned\nstdout still open\nexiting\n", out);
    }

    private Process start(String code, String... then) throws IOException {
        String[] args = new String[1 + then.length];
        args[0] = code;
        System.arraycopy(then, 0, args, 1, then.length);
        return new ProcessBuilder(ChildJvm.command(List.of(), GuestEffects.class, args))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
    }

    /** The child's stdout once it ended (exit 0 expected). */
    private String finish(Process child) throws Exception {
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        String out = out();
        if (!ended) {
            child.destroyForcibly();
        }
        assertTrue(ended, "the child JVM did not end; out:\n" + out);
        assertEquals(0, child.exitValue(), "the child JVM failed; out:\n" + out + "\nerr:\n" + Files.readString(dir.resolve("err")));
        return out;
    }

    /** The child's stdout once it holds {@code line}. */
    private String awaitLine(Process child, String line) throws Exception {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!out().contains(line + "\n") && child.isAlive() && System.nanoTime() < limit) {
            Thread.sleep(50);
        }
        String out = out();
        assertTrue(out.contains(line + "\n"), "the child never printed '" + line + "'; out:\n" + out + "\nerr:\n" + Files.readString(dir.resolve("err")));
        return out;
    }

    private String out() throws IOException {
        return Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
    }
}
