package dev.atomicint.python;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread that marks every busy context's {@link SwitchInterval} as elapsed once a
 * period. It only reads the time and sets marks: no guest call can change its pace. It runs while
 * some interval is on it, and stops when the last one leaves.
 */
final class SwitchClock {

    /**
     * 50 ms: GraalPy's own GIL release period, so a thread looping on AtomicInts gives way as often
     * as one running plain Python code. Each hand-off stalls the GIL while the next thread wakes;
     * measured with two busy threads, 5 ms (CPython's interval) cost ~40% of their throughput.
     */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    static final String THREAD_NAME = "atomicint-switch-interval";

    // The intervals to mark; an interval is on it at most once (SwitchInterval.onClock).
    private static final Queue<SwitchInterval> intervals = new ConcurrentLinkedQueue<>();

    // Whether a clock thread runs. Volatile reads and writes (with the queue's) keep the hand-over
    // sound: an add that sees a thread running is seen by that thread before it stops (run()).
    private static final AtomicBoolean running = new AtomicBoolean();

    private SwitchClock() {}

    /** Puts {@code interval} on the clock, starting the clock thread if none runs. */
    static void add(SwitchInterval interval) {
        intervals.add(interval);
        if (!running.get() && running.compareAndSet(false, true)) {
            Thread clock = new Thread(SwitchClock::run, THREAD_NAME);
            clock.setDaemon(true); // never keeps the JVM alive
            clock.start();
        }
    }

    private static void run() {
        while (true) {
            LockSupport.parkNanos(PERIOD_NANOS);
            for (Iterator<SwitchInterval> it = intervals.iterator(); it.hasNext(); ) {
                if (!it.next().tick()) {
                    it.remove();
                }
            }
            if (intervals.isEmpty()) {
                running.set(false);
                // An add after the read above: if it saw running true (and so started no thread),
                // keep going; if it saw false it started a thread, and this CAS fails.
                if (intervals.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }
}
