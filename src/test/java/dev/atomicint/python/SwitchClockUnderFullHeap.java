package dev.atomicint.python;

import java.util.concurrent.TimeUnit;

/**
 * A child JVM's main for {@code SwitchClockHeapExhaustionTest}, run with a small heap, the serial
 * collector and no thread-local allocation buffers, so that a full heap is full for every thread:
 * fills the heap, lets the {@link SwitchClock} and {@link SwitchInterval#restart()} meet it, lets
 * it go, and prints whether intervals elapse again. The scenario is the first argument.
 */
public final class SwitchClockUnderFullHeap {

    // Holds the filled heap: a static field, so that no compiler treats it as dead while held.
    private static volatile Object[] held;

    private SwitchClockUnderFullHeap() {}

    public static void main(String[] args) throws InterruptedException {
        switch (args[0]) {
            case "clock" -> clockThroughAFullHeap();
            case "restart" -> restartUnderAFullHeap();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** An interval on a running clock while the heap is full, for longer than it stays on the clock idle. */
    private static void clockThroughAFullHeap() throws InterruptedException {
        SwitchInterval interval = new SwitchInterval();
        interval.restart();
        fill();
        // Longer than the interval stays on the clock idle: it leaves the clock while the heap is full.
        Thread.sleep((SwitchInterval.IDLE_PERIODS + 10) * TimeUnit.NANOSECONDS.toMillis(SwitchClock.PERIOD_NANOS)); // allocates nothing
        held = null;
        interval.restart();
        System.out.println("elapses after the full heap: " + SwitchClocks.within(5, interval::elapsed));
    }

    /** A restart with the clock stopped and the heap full: not even the clock's queue has room for the interval. */
    private static void restartUnderAFullHeap() throws InterruptedException {
        SwitchInterval interval = new SwitchInterval();
        interval.restart();
        if (!SwitchClocks.within(5, () -> SwitchClocks.threads().isEmpty())) { // the clock stops a second after the last restart
            System.out.println("the clock did not stop");
            return;
        }
        String returned = "returned"; // a literal becomes a String on first use: here, not in the full heap
        String threw = "threw";
        fill();
        String outcome;
        try {
            interval.restart();
            outcome = returned;
        } catch (Throwable e) {
            outcome = threw;
        }
        boolean elapsedAtOnce = interval.elapsed();
        held = null;
        System.out.println("restart under the full heap " + outcome);
        System.out.println("elapsed at once: " + elapsedAtOnce);
        // What the interval's caller does next: it sees the mark, gives the GIL up and restarts.
        interval.restart();
        System.out.println("elapses after the full heap: " + SwitchClocks.within(5, interval::elapsed));
    }

    /**
     * Fills the heap in links of two slots (the next link, and a payload of 1 MiB, then a quarter
     * of that, and so on down to none), again until not even a link fits.
     */
    private static void fill() {
        for (boolean grew = true; grew; ) {
            grew = false;
            for (int size = 1 << 20; size >= 0; size = size == 0 ? -1 : size / 4) {
                try {
                    while (true) {
                        Object[] link = new Object[2];
                        link[0] = held;
                        held = link;
                        grew = true;
                        link[1] = new byte[size];
                    }
                } catch (OutOfMemoryError full) {
                    // the next, smaller payload
                }
            }
        }
    }
}
