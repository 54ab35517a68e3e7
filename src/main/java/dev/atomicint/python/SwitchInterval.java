package dev.atomicint.python;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * When a Python thread that keeps the GIL across AtomicInt calls should give it up: GraalPy's
 * switch interval, for the calls GraalPy cannot interrupt.
 *
 * <p>GraalPy asks the GIL's owner to let go every 50 ms, but only acts on the request while that
 * thread runs Python code. A thread looping {@code n += 1} with the GIL held spends most of its
 * time in Java, so the request is mostly dropped (measured: a sleeping sibling thread woke 1-4
 * times a second instead of 20, the launching thread waited up to 3 s). Here a daemon thread
 * marks every {@link #PERIOD_NANOS} as elapsed; the next AtomicInt call from Python sees the mark
 * and releases the GIL around a call to {@link #restart()}, where the fair GIL goes to the
 * longest-waiting thread, if any.
 */
final class SwitchInterval {

    /**
     * 50 ms: GraalPy's own GIL release period, so a thread looping on AtomicInts gives way as often
     * as one running plain Python code. Each hand-off stalls the GIL while the next thread wakes;
     * measured with two busy threads, 5 ms (CPython's interval) cost ~40% of their throughput.
     */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    // volatile: a Python thread looping in compiled code must see the ticker's mark on its next
    // call, and the read is a plain load on x86, which the hot path can afford.
    private static volatile boolean elapsed;

    static {
        Thread ticker = new Thread(SwitchInterval::tick, "atomicint-switch-interval");
        ticker.setDaemon(true); // never keeps the JVM alive
        ticker.start();
    }

    private SwitchInterval() {}

    /** Whether a switch interval has passed since the last {@link #restart()}. */
    static boolean elapsed() {
        return elapsed;
    }

    /** Starts a new interval: called by the thread that gave the GIL up. */
    static void restart() {
        elapsed = false;
    }

    private static void tick() {
        while (true) {
            LockSupport.parkNanos(PERIOD_NANOS);
            if (!elapsed) {
                elapsed = true; // written only when it changes: readers' cached copy stays valid otherwise
            }
        }
    }
}
