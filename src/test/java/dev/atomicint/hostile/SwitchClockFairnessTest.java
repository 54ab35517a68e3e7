package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A guest cannot starve another context by driving the switch clock: a context that restarts its
 * switch interval in a loop ({@code atomicint._bridge.switch_threads()}, {@code host_calls.switchThreads()})
 * moves its own interval only. (Before: the clock was JVM-wide, and such an attacker cut a victim
 * context's sleeping thread from ~50 wake-ups in 3 s to ~5, and Java calls into it waited up to 466 ms.)
 */
class SwitchClockFairnessTest {

    /** The victim: one thread looping {@code n += 1} with the GIL held, beside the caller's sleeping thread. */
    private static final String VICTIM = """
            import threading, time

            def start(n):
                stop = threading.Event()
                def loop():
                    nonlocal n
                    while not stop.is_set():
                        for _ in range(10_000):
                            n += 1
                busy = threading.Thread(target=loop)
                busy.start()
                def wakes(seconds):
                    count = 0
                    deadline = time.monotonic() + seconds
                    while time.monotonic() < deadline:
                        time.sleep(0.001)
                        count += 1
                    return count
                def stop_all():
                    stop.set()
                    busy.join()
                return wakes, stop_all, lambda: 1

            start
            """;

    /** The attacker: restarts its context's switch interval as fast as it can until {@code stop} is set. */
    private static final String ATTACKER = """
            import atomicint._bridge as b

            def attack(stop):
                restart = b.switch_threads if b.sandboxed else b.host_calls.switchThreads
                while stop.get() == 0:
                    for _ in range(1_000):
                        restart()

            attack
            """;

    private static final double SLEEP_SECONDS = 3.0;
    private static final int CALLS = 20;
    private static final Duration WAIT_LIMIT = Duration.ofMillis(150);

    enum Mode {
        HOST(AtomicIntPython::newContext), SANDBOX(AtomicIntPython::newSandboxedContext);

        final Function<Context.Builder, Context> setUp;

        Mode(Function<Context.Builder, Context> setUp) {
            this.setUp = setUp;
        }

        Context newContext() {
            return setUp.apply(Context.newBuilder("python").allowCreateThread(true));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAttackerRestartingItsIntervalLeavesTheVictimsSleeperWaking(Mode mode) throws Exception {
        try (Context victim = mode.newContext()) {
            Value threads = victim.eval("python", VICTIM).execute(AtomicIntPython.toPython(victim, new AtomicInt()));
            try {
                int alone = threads.getArrayElement(0).execute(SLEEP_SECONDS).asInt();
                int attacked = underAttack(mode, () -> threads.getArrayElement(0).execute(SLEEP_SECONDS).asInt());
                assertTrue(attacked >= 0.8 * alone, "the victim's sleeping thread woke " + attacked + " times in "
                        + SLEEP_SECONDS + " s beside an attacker context, " + alone + " times without one");
            } finally {
                threads.getArrayElement(1).executeVoid();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAttackerRestartingItsIntervalLeavesJavaCallsIntoTheVictimPrompt(Mode mode) throws Exception {
        try (Context victim = mode.newContext()) {
            Value threads = victim.eval("python", VICTIM).execute(AtomicIntPython.toPython(victim, new AtomicInt()));
            long[] waits = new long[CALLS];
            try {
                underAttack(mode, () -> {
                    Value ping = threads.getArrayElement(2);
                    for (int i = 0; i < CALLS; i++) {
                        long start = System.nanoTime();
                        ping.execute(); // enters the victim: needs its GIL
                        waits[i] = System.nanoTime() - start;
                    }
                    return null;
                });
            } finally {
                threads.getArrayElement(1).executeVoid();
            }
            Arrays.sort(waits);
            Duration median = Duration.ofNanos(waits[CALLS / 2]);
            assertTrue(median.compareTo(WAIT_LIMIT) <= 0, "Java calls into the victim waited " + median.toMillis()
                    + " ms (median) beside an attacker context; the longest " + Duration.ofNanos(waits[CALLS - 1]).toMillis() + " ms");
        }
    }

    /** Runs {@code body} while an attacker context of {@code mode} restarts its switch interval on another thread. */
    private static <T> T underAttack(Mode mode, java.util.concurrent.Callable<T> body) throws Exception {
        AtomicInt stop = new AtomicInt();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Context attacker = mode.newContext()) {
            Value attack = attacker.eval("python", ATTACKER);
            Value stopFlag = AtomicIntPython.toPython(attacker, stop);
            Future<?> attacking = executor.submit(() -> attack.executeVoid(stopFlag));
            Thread.sleep(200); // the attack is under way
            try {
                return body.call();
            } finally {
                stop.set(1);
                attacking.get(10, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
