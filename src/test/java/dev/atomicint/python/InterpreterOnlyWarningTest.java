package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An embedding without the Graal JIT is told so once, naming the flags, however many contexts it makes. */
@Timeout(600)
class InterpreterOnlyWarningTest {

    /** Sets up two contexts on their own engines and counts to 3 in them. */
    public static final class TwoContexts {
        public static void main(String[] args) {
            for (int i = 0; i < 2; i++) {
                try (Context context = AtomicIntPython.newContext(Context.newBuilder("python"))) {
                    context.eval("python", "from atomicint import AtomicInt\nn = AtomicInt(1)\nn += 2\nassert n == 3");
                }
            }
            System.out.println("done");
        }
    }

    @Test
    void aJvmWithoutTheJitWarnsOnceNamingTheFlags() throws Exception {
        String output = runOnThePlainClassPath();
        assertTrue(output.contains("done"), output);
        assertEquals(1, output.split("GraalPy runs interpreter-only in this JVM", -1).length - 1, output);
        assertTrue(output.contains("-XX:+EnableJVMCI"), output);
    }

    /** TwoContexts in a new JVM with every jar on the class path and no JVMCI: polyglot's fallback runtime. */
    private static String runOnThePlainClassPath() throws Exception {
        List<String> classPath = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        try (Stream<Path> modules = Files.list(Path.of("target/graal/modules"))) {
            modules.map(Path::toString).forEach(classPath::add);
        }
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dsun.misc.unsafe.memory.access=allow", "-cp", String.join(File.pathSeparator, classPath), TwoContexts.class.getName());
        Path log = Files.createTempFile("interpreter-only", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(8, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(done, "the child JVM did not finish:\n" + output);
        return output;
    }
}
