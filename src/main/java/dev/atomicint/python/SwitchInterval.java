package dev.atomicint.python;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * When a Python thread that keeps the GIL across AtomicInt calls should give it up: GraalPy's
 * switch interval, for the calls GraalPy cannot interrupt. One per context (each context has a GIL
 * of its own), so nothing a context's code calls moves another context's interval.
 *
 * <p>GraalPy asks the GIL's owner to let go every 50 ms, but only acts on the request while that
 * thread runs Python code. A thread looping {@code n += 1} with the GIL held spends most of its
 * time in Java, so the request is mostly dropped (measured: a sleeping sibling thread woke 1-4
 * times a second instead of 20, the launching thread waited up to 3 s). Here the {@link
 * SwitchClock} marks the interval as elapsed every {@link SwitchClock#PERIOD_NANOS}; the next
 * AtomicInt call from Python sees the mark and releases the GIL around a call to {@link
 * #restart()}, where the fair GIL goes to the longest-waiting thread, if any.
 *
 * <p>The clock marks an interval only while its context uses AtomicInts: after {@link
 * #IDLE_PERIODS} periods with no restart the interval leaves the clock with the mark set, so the
 * next caller's restart puts it back.
 */
final class SwitchInterval {

    /** 20 periods (1 s) without a restart, and the interval leaves the clock. */
    static final int IDLE_PERIODS = 20;

    private static final VarHandle ON_CLOCK;

    static {
        try {
            ON_CLOCK = MethodHandles.lookup().findVarHandle(SwitchInterval.class, "onClock", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // volatile: a Python thread looping in compiled code must see the clock's mark on its next
    // call, and the read is a plain load on x86, which the hot path can afford. It starts set:
    // the interval is on no clock yet, and the first caller's restart puts it on.
    private volatile boolean elapsed = true;

    // Whether the clock marks this interval. Volatile accesses (with elapsed's) keep the hand-over
    // sound: a restart that sees it true is seen by the clock before the interval leaves (tick()).
    private volatile boolean onClock;

    // Periods since the last restart: read and written by the clock thread only.
    private int idlePeriods;

    /** Whether a switch interval has passed since the last {@link #restart()}. */
    boolean elapsed() {
        return elapsed;
    }

    /**
     * Starts a new interval, and puts it on the clock if it is off: called by the thread that gave
     * the GIL up, after its AtomicInt call took effect, so it never throws. When the heap has no
     * room to put it on the clock, the interval stays elapsed and the next call tries again.
     */
    void restart() {
        elapsed = false;
        if (!onClock && ON_CLOCK.compareAndSet(this, false, true)) {
            if (!SwitchClock.add(this)) {
                onClock = false;
                elapsed = true;
            }
        } else {
            SwitchClock.ensureRunning(); // on the clock, but its thread may have failed to start
        }
    }

    /** Marks the interval elapsed, off the clock's period: when the clock thread could not start. */
    void markElapsed() {
        elapsed = true;
    }

    /** The clock's period passed: marks the interval; returns whether it stays on the clock. */
    boolean tick() {
        if (!elapsed) {
            elapsed = true; // written only when it changes: readers' cached copy stays valid otherwise
            idlePeriods = 0;
            return true;
        }
        if (++idlePeriods < IDLE_PERIODS) {
            return true;
        }
        onClock = false;
        // A restart after the read above cleared the mark: if it saw onClock true (and so added
        // nothing), stay; if it saw false it added this interval again, and this CAS fails.
        if (elapsed || !ON_CLOCK.compareAndSet(this, false, true)) {
            return false;
        }
        idlePeriods = 0;
        return true;
    }
}
