package dev.atomicint.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run as a user would run it from the shell, in a process of its own: its exit code and
 * what it wrote. Used to run {@code bin/atomicint-python} ({@link #PYTHON}) by the tests that check
 * it and by those that run the commands the documents show.
 */
public record LauncherRun(int exit, String out, String err) {

    /** {@code bin/atomicint-python} of this checkout. */
    public static final Path PYTHON = Path.of("bin", "atomicint-python").toAbsolutePath();

    /** Time enough for the first use, which builds the project and trains the start-up cache. */
    public static final int FIRST_USE_SECONDS = 900;

    /**
     * Runs {@code command} in {@code workingDir} with {@code input} on its standard input and
     * {@code env} added to the environment (without the caller's PYTHONPATH).
     */
    public static LauncherRun run(List<String> command, String input, Map<String, String> env, Path workingDir, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().remove("PYTHONPATH");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        LauncherRun run = new LauncherRun(process.exitValue(), Files.readString(out).replace("\r\n", "\n"), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
