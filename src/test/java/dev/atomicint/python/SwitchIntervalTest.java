package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The clock that tells GIL-holding Python threads when to give the GIL up. */
class SwitchIntervalTest {

    @Test
    void anIntervalElapsesSoonAfterARestart() throws InterruptedException {
        SwitchInterval.restart();
        assertTrue(within(2, SwitchInterval::elapsed), "no switch interval elapsed within 2 s of a restart"); // 40 periods
    }

    @Test
    void aRestartRunsTheClockOnADaemonThread() {
        SwitchInterval.restart();
        List<Thread> clocks = clocks();
        assertFalse(clocks.isEmpty(), "no clock thread after a restart");
        assertTrue(clocks.stream().allMatch(Thread::isDaemon), "the clock must not keep the JVM alive: " + clocks);
    }

    @Test
    void theClockStopsWhenNobodyRestartsItAndStartsAgainOnTheNextRestart() throws InterruptedException {
        SwitchInterval.restart();
        assertTrue(within(5, () -> clocks().isEmpty()), "the clock still runs 5 s after the last restart: " + clocks());
        assertTrue(SwitchInterval.elapsed(), "a stopped clock must leave the mark set, so the next caller restarts it");
        SwitchInterval.restart();
        assertFalse(clocks().isEmpty(), "the next restart started no clock");
        assertTrue(within(2, SwitchInterval::elapsed), "the restarted clock marked no interval within 2 s");
    }

    private static List<Thread> clocks() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(SwitchInterval.CLOCK_NAME))
                .toList();
    }

    private static boolean within(int seconds, BooleanSupplier condition) throws InterruptedException {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < limit) {
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
