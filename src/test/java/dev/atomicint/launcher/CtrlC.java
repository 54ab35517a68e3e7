package dev.atomicint.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Ctrl-C pressed at {@code bin/atomicint-python} on a pseudo-terminal (src/test/resources/.../ctrl_c.py):
 * the launcher's end ({@code status}: its exit status, or minus the signal that ended it) and all the
 * terminal showed.
 */
record CtrlC(String status, String transcript) {

    private static final Path DRIVER = Path.of("src/test/resources/dev/atomicint/launcher/ctrl_c.py").toAbsolutePath();

    /** {@code mode}: "repl" or "script" (see ctrl_c.py), with {@code env} added to the environment. */
    static CtrlC press(String mode, Map<String, String> env, Path dir) throws Exception {
        LauncherRun run = LauncherRun.run(List.of("python3", DRIVER.toString(), LauncherRun.PYTHON.toString(), mode),
                "", env, dir, LauncherRun.FIRST_USE_SECONDS + 600);
        if (run.exit() != 0 || !run.out().startsWith("status ")) {
            throw new AssertionError("ctrl_c.py " + mode + " failed: " + run.err() + run.out());
        }
        int lineEnd = run.out().indexOf('\n');
        return new CtrlC(run.out().substring("status ".length(), lineEnd), run.out().substring(lineEnd + 1));
    }

    /** Whether, after the script's "caught KeyboardInterrupt", a traceback of an uncaught KeyboardInterrupt shows. */
    boolean tracebackAfterTheCatch() {
        String afterCatch = transcript.substring(Math.max(0, transcript.indexOf("caught KeyboardInterrupt")));
        return transcript.contains("caught KeyboardInterrupt")
                && afterCatch.contains("Traceback (most recent call last)") && afterCatch.contains("\nKeyboardInterrupt");
    }

    /** How often {@code text} appears in what the terminal showed. */
    long count(String text) {
        return transcript.split(java.util.regex.Pattern.quote(text), -1).length - 1L;
    }
}
