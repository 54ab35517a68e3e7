package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * A Java thread entering a context gets the GIL promptly while Python threads loop on an AtomicInt
 * there: the package keeps the GIL across its Java calls, but gives it up every switch interval.
 * (Before it did, a Java thread calling {@code toPython} once waited more than 15 minutes.)
 */
class JavaCallerGilTest {

    private static final int CALLS = 20;
    /**
     * The median wait of a call into the context. Measured: 0-100 ms with the switch interval,
     * 800-900 ms without it in sandbox mode (single calls up to 1.8 s, and up to 8 s under load).
     */
    private static final Duration MEDIAN_WAIT_LIMIT = Duration.ofMillis(400);

    @Test
    void javaThreadGetsTheGilWhilePythonThreadsLoopInHostMode() {
        assertJavaCallsArePrompt(AtomicIntPython::newContext);
    }

    @Test
    void javaThreadGetsTheGilWhilePythonThreadsLoopInSandboxMode() {
        assertJavaCallsArePrompt(AtomicIntPython::newSandboxedContext);
    }

    private static void assertJavaCallsArePrompt(Function<Context.Builder, Context> setUp) {
        AtomicInt shared = new AtomicInt();
        try (Context context = setUp.apply(Context.newBuilder("python").allowCreateThread(true))) {
            Value stop = context.eval("python", BusyPythonThreads.START).execute(AtomicIntPython.toPython(context, shared), 2);
            Value ping = context.eval("python", "lambda: 1");
            long[] waits = new long[CALLS];
            try {
                for (int i = 0; i < CALLS; i++) {
                    long start = System.nanoTime();
                    assertEquals(1, ping.execute().asInt()); // enters the context: needs the GIL
                    waits[i] = System.nanoTime() - start;
                }
            } finally {
                stop.executeVoid();
            }
            assertTrue(shared.get() > 0, "the Python threads never ran");
            Arrays.sort(waits);
            Duration median = Duration.ofNanos(waits[CALLS / 2]);
            assertTrue(median.compareTo(MEDIAN_WAIT_LIMIT) < 0, "Java calls into the context waited " + median.toMillis()
                    + " ms (median) for the GIL; the longest " + Duration.ofNanos(waits[CALLS - 1]).toMillis() + " ms");
        }
    }
}
