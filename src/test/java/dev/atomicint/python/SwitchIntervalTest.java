package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-context interval that tells GIL-holding Python threads when to give the GIL up, and its clock. */
class SwitchIntervalTest {

    @Test
    void anIntervalElapsesSoonAfterARestart() throws InterruptedException {
        SwitchInterval interval = new SwitchInterval();
        interval.restart();
        assertTrue(SwitchClocks.within(2, interval::elapsed), "no switch interval elapsed within 2 s of a restart"); // 40 periods
    }

    @Test
    void restartingOneIntervalLeavesAnotherElapsing() throws InterruptedException {
        SwitchInterval restarted = new SwitchInterval();
        SwitchInterval other = new SwitchInterval();
        other.restart();
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!other.elapsed() && System.nanoTime() < limit) {
            restarted.restart(); // what a guest calling switch_threads() in a loop does to its own context
        }
        assertTrue(other.elapsed(), "restarting one interval in a loop kept another from elapsing for 2 s");
    }

    @Test
    void aRestartRunsTheClockOnADaemonThread() {
        new SwitchInterval().restart();
        List<Thread> clocks = SwitchClocks.threads();
        assertFalse(clocks.isEmpty(), "no clock thread after a restart");
        assertTrue(clocks.stream().allMatch(Thread::isDaemon), "the clock must not keep the JVM alive: " + clocks);
    }

    @Test
    void theClockStopsWhenNobodyRestartsAndStartsAgainOnTheNextRestart() throws InterruptedException {
        SwitchInterval interval = new SwitchInterval();
        interval.restart();
        assertTrue(SwitchClocks.within(5, () -> SwitchClocks.threads().isEmpty()),
                "the clock still runs 5 s after the last restart: " + SwitchClocks.threads());
        assertTrue(interval.elapsed(), "an interval off the clock must keep the mark set, so the next caller restarts it");
        interval.restart();
        assertFalse(SwitchClocks.threads().isEmpty(), "the next restart started no clock");
        assertTrue(SwitchClocks.within(2, interval::elapsed), "the restarted clock marked no interval within 2 s");
    }
}
