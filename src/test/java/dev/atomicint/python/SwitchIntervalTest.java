package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The clock that tells GIL-holding Python threads when to give the GIL up. */
class SwitchIntervalTest {

    @Test
    void anIntervalElapsesSoonAfterARestart() throws InterruptedException {
        SwitchInterval.restart();
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // 40 periods: room for a loaded machine
        while (!SwitchInterval.elapsed() && System.nanoTime() < limit) {
            Thread.sleep(1);
        }
        assertTrue(SwitchInterval.elapsed(), "no switch interval elapsed within 2 s of a restart");
    }

    @Test
    void theClockIsOneDaemonThread() {
        SwitchInterval.elapsed(); // makes sure the class, and so its clock, is initialised
        List<Thread> clocks = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("atomicint-switch-interval"))
                .toList();
        assertEquals(1, clocks.size(), "clock threads: " + clocks);
        assertTrue(clocks.get(0).isDaemon(), "the clock must not keep the JVM alive");
    }
}
