package dev.atomicint.python;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one daemon thread that marks every busy context's {@link SwitchInterval} as elapsed once a
 * period. It only reads the time and sets marks: no guest call can change its pace. It runs while
 * some interval is on it, and stops when the last one leaves.
 *
 * <p>A guest can run the JVM's heap out (docs/security.md, Memory), and the clock must outlive
 * that: were its thread to die, or fail to start, with {@link #running} left set, no context's
 * interval would ever elapse again. So its pass allocates nothing, an {@link #add} that finds no
 * heap for the interval or the thread leaves the intervals elapsed, so their next caller tries
 * again, and a clock thread that dies all the same does that on its way out.
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
    private static final ConcurrentLinkedQueue<SwitchInterval> intervals = new ConcurrentLinkedQueue<>();

    // Whether a clock thread runs. Volatile reads and writes (with the queue's) keep the hand-over
    // sound: an add that sees a thread running is seen by that thread before it stops (run()).
    private static final AtomicBoolean running = new AtomicBoolean();

    // Made once, when the class is first used: a lambda linked later could meet a full heap.
    private static final Runnable CLOCK = SwitchClock::run;
    private static final Predicate<SwitchInterval> LEAVES = interval -> !interval.tick();
    private static final Consumer<SwitchInterval> MARK = SwitchInterval::markElapsed;

    static {
        // The clock thread's first park can come after a guest filled the heap (the thread starts
        // late under load), and loading a class puts its mirror on the heap: LockSupport is loaded
        // and initialised here, with the first interval (unpark(null) does nothing else).
        LockSupport.unpark(null);
    }

    private SwitchClock() {}

    /**
     * Puts {@code interval} on the clock, and starts the clock thread if none runs. Returns false,
     * with the interval not on the clock, when the heap has no room for it.
     */
    static boolean add(SwitchInterval interval) {
        try {
            intervals.add(interval);
        } catch (OutOfMemoryError e) {
            return false;
        }
        ensureRunning();
        return true;
    }

    /**
     * Starts the clock thread if none runs. When the heap has no room for it, every interval on the
     * clock is marked ({@link #lost}): this one's and any that a racing add put on while the start
     * was failing.
     */
    static void ensureRunning() {
        if (running.get() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            Thread clock = new Thread(CLOCK, THREAD_NAME);
            clock.setDaemon(true); // never keeps the JVM alive
            clock.start();
        } catch (OutOfMemoryError e) {
            lost();
        }
    }

    /**
     * No clock runs after all (it could not start, or its thread died): marks every interval on
     * the clock elapsed, so that its next caller restarts it and a new clock starts.
     */
    private static void lost() {
        running.set(false);
        intervals.forEach(MARK); // walks the nodes without an iterator object
    }

    private static void run() {
        boolean stopped = false;
        try {
            while (true) {
                LockSupport.parkNanos(PERIOD_NANOS);
                try {
                    // removeIf walks the nodes without an iterator object. A walk in ensureRunning at
                    // the same time can make it start over and tick an interval twice: a period early.
                    intervals.removeIf(LEAVES);
                } catch (OutOfMemoryError e) {
                    // Nothing here allocates, but deoptimising the pass can (objects compiled code
                    // kept off the heap are rebuilt on it): the marks wait for the next period.
                }
                if (intervals.isEmpty()) {
                    running.set(false);
                    // An add after the read above: if it saw running true (and so started no
                    // thread), keep going; if it saw false it started a thread, and this CAS fails.
                    if (intervals.isEmpty() || !running.compareAndSet(false, true)) {
                        stopped = true;
                        return;
                    }
                }
            }
        } finally {
            if (!stopped) {
                lost(); // the thread dies of an error (a call linked for the first time in a full heap, say)
            }
        }
    }
}
