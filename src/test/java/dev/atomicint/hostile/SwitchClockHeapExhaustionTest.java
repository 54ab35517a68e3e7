package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atomicint.python.SwitchClockUnderFullHeap;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest can run the JVM's heap out (docs/security.md, Memory); the switch clock that every
 * context's GIL hand-over relies on must work again once the heap is let go. Before, its thread
 * died of the OutOfMemoryError with its running flag still set, so no context's interval ever
 * elapsed again. Each case runs {@link SwitchClockUnderFullHeap} in a child JVM whose heap is
 * full for every thread (serial collector, no thread-local allocation buffers).
 */
class SwitchClockHeapExhaustionTest {

    @TempDir
    Path dir;

    @Test
    void theClockMarksIntervalsAgainAfterRunningThroughAFullHeap() throws Exception {
        String output = run("clock");
        assertEquals(List.of("elapses after the full heap: true"), reports(output), output);
    }

    @Test
    void aRestartInAFullHeapReturnsAndLeavesTheIntervalElapsedSoTheNextCallRestartsIt() throws Exception {
        String output = run("restart");
        assertEquals(List.of("restart under the full heap returned", "elapsed at once: true", "elapses after the full heap: true"),
                reports(output), output);
    }

    /** What the child printed, after it ended with exit code 0. */
    private String run(String scenario) throws Exception {
        return ChildJvm.runToTheEnd(dir, List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:-UseTLAB"), 120,
                SwitchClockUnderFullHeap.class, scenario);
    }

    /** The lines that report. */
    private static List<String> reports(String output) {
        return output.lines().filter(l -> l.startsWith("restart") || l.startsWith("elapse")).toList();
    }
}
