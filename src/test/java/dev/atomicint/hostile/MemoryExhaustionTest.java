package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GraalVM Community has no per-context heap limit: a guest can fill the JVM's heap. What atomicint
 * can promise is that nothing is lost once the guest lets go: after one context's MemoryError,
 * the other contexts work and the shared AtomicInt holds every update exactly. Runs in a child
 * JVM with a small heap ({@link GuestMemoryExhaustion}).
 */
class MemoryExhaustionTest {

    @TempDir
    Path dir;

    @Test
    void afterOneGuestsMemoryErrorTheOtherContextsAndTheSharedValueStayExact() throws Exception {
        Path out = dir.resolve("out");
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Xmx512m"), GuestMemoryExhaustion.class))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        boolean ended = child.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = Files.readString(out);
        assertTrue(ended, "the child JVM did not end; output:\n" + output);
        assertEquals(0, child.exitValue(), output);
        List<String> lines = output.lines().filter(l -> l.matches("(victim|attacker|shared).*")).toList();
        assertEquals(5, lines.size(), output);
        // Where the heap runs out decides which: a Python MemoryError the guest catches, or the
        // JVM's OutOfMemoryError out of the eval (measured both); either way, nothing may be lost.
        assertTrue(lines.get(1).equals("attacker: MemoryError after N MiB") || lines.get(1).equals("attacker: OutOfMemoryError"), output);
        assertEquals(List.of("victim: ok", "victim: ok", "victim sees 80000", "shared 80000"),
                List.of(lines.get(0), lines.get(2), lines.get(3), lines.get(4)), output);
    }
}
