package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command that runs a main class in a new JVM laid out as this one (JIT, module path, class path). */
final class ChildJvm {

    private ChildJvm() {}

    static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp") && !a.startsWith("-javaagent") && !a.startsWith("-Xmx"))
                .toList());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code main} in a child JVM ({@link #command}), its output and errors into a file in
     * {@code dir}; fails the test unless it ends within {@code seconds} with exit code 0. Returns
     * what it printed.
     */
    static String runToTheEnd(Path dir, List<String> jvmOptions, int seconds, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, main.getSimpleName(), ".out");
        Process child = new ProcessBuilder(command(jvmOptions, main, args))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        boolean ended = child.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = Files.readString(out);
        assertTrue(ended, "the child JVM did not end; output:\n" + output);
        assertEquals(0, child.exitValue(), output);
        return output;
    }
}
