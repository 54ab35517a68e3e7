package dev.atomicint.python;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * When a Python thread that keeps the GIL across AtomicInt calls should give it up: GraalPy's
 * switch interval, for the calls GraalPy cannot interrupt.
 *
 * <p>GraalPy asks the GIL's owner to let go every 50 ms, but only acts on the request while that
 * thread runs Python code. A thread looping {@code n += 1} with the GIL held spends most of its
 * time in Java, so the request is mostly dropped (measured: a sleeping sibling thread woke 1-4
 * times a second instead of 20, the launching thread waited up to 3 s). Here a daemon clock
 * marks every {@link #PERIOD_NANOS} as elapsed; the next AtomicInt call from Python sees the mark
 * and releases the GIL around a call to {@link #restart()}, where the fair GIL goes to the
 * longest-waiting thread, if any.
 *
 * <p>The clock runs only while Python uses AtomicInts: after {@link #IDLE_PERIODS} periods with no
 * restart it stops and leaves the mark set, so the next caller's restart starts it again.
 */
final class SwitchInterval {

    /**
     * 50 ms: GraalPy's own GIL release period, so a thread looping on AtomicInts gives way as often
     * as one running plain Python code. Each hand-off stalls the GIL while the next thread wakes;
     * measured with two busy threads, 5 ms (CPython's interval) cost ~40% of their throughput.
     */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** 20 periods (1 s) without a restart, and the clock stops. */
    static final int IDLE_PERIODS = 20;

    static final String CLOCK_NAME = "atomicint-switch-interval";

    // volatile: a Python thread looping in compiled code must see the clock's mark on its next
    // call, and the read is a plain load on x86, which the hot path can afford. It starts set:
    // no clock runs yet, and the first caller's restart starts one.
    private static volatile boolean elapsed = true;

    // Whether a clock runs. Volatile reads and writes (with elapsed's) keep the hand-over sound: a
    // restart that sees a clock running is seen by that clock before it stops (see tick()).
    private static final AtomicBoolean running = new AtomicBoolean();

    private SwitchInterval() {}

    /** Whether a switch interval has passed since the last {@link #restart()}. */
    static boolean elapsed() {
        return elapsed;
    }

    /** Starts a new interval, and the clock if it is not running: called by the thread that gave the GIL up. */
    static void restart() {
        elapsed = false;
        if (!running.get() && running.compareAndSet(false, true)) {
            Thread clock = new Thread(SwitchInterval::tick, CLOCK_NAME);
            clock.setDaemon(true); // never keeps the JVM alive
            clock.start();
        }
    }

    private static void tick() {
        int idle = 0;
        while (true) {
            LockSupport.parkNanos(PERIOD_NANOS);
            if (!elapsed) {
                elapsed = true; // written only when it changes: readers' cached copy stays valid otherwise
                idle = 0;
            } else if (++idle >= IDLE_PERIODS) {
                running.set(false);
                // A restart after the read above cleared the mark: if it saw running true (and so
                // started no clock), keep this one; if it saw false it started one, and this CAS fails.
                if (elapsed || !running.compareAndSet(false, true)) {
                    return;
                }
                idle = 0;
            }
        }
    }
}
