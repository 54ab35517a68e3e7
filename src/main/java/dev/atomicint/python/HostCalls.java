package dev.atomicint.python;

import dev.atomicint.AtomicInt;
import dev.atomicint.GuestNumbers;
import dev.atomicint.IntOp;
import java.math.BigInteger;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java entry points of Python's host-mode AtomicInt: one instance per context, whose methods
 * take the AtomicInt first. Python fetches each method once, at import, and calls it per
 * operation; GraalPy runs such a call about 5x faster than an AtomicInt method, whose member it
 * looks up on every call (measured: 110 vs 20 million calls/s). Every method is short and never
 * blocks, so Python calls them with the GIL held. Overloads are avoided: each name takes one set
 * of parameter types.
 *
 * <p>{@link #add} returns whether the context's {@link SwitchInterval} has elapsed (so does {@link
 * #compareAndSetThenSwitchDue}, in a bit of its answer), so the thread can give the GIL up by
 * calling {@link #switchThreads()} without it; {@link #switchDue()} asks the same after the other
 * calls. The interval is this instance's own: a context's code that calls
 * {@link #switchThreads()} in a loop moves its own interval only.
 */
public final class HostCalls {

    private final SwitchInterval interval = new SwitchInterval();

    /** Entry points with a switch interval of their own: one per context (Python makes one if no set-up call handed it one). */
    @HostAccess.Export
    public HostCalls() {}

    /** Adds {@code delta}; returns whether the caller should switch threads. */
    @HostAccess.Export
    public boolean add(AtomicInt target, long delta) {
        target.add(delta);
        return interval.elapsed();
    }

    @HostAccess.Export
    public void apply(AtomicInt target, IntOp op, long operand) {
        target.apply(op, operand);
    }

    @HostAccess.Export
    public void applyBig(AtomicInt target, IntOp op, BigInteger operand) {
        target.applyBig(op, operand);
    }

    /** Whether the calling Python thread has kept the GIL for a switch interval. */
    @HostAccess.Export
    public boolean switchDue() {
        return interval.elapsed();
    }

    /** Starts the next switch interval: Python calls it without the GIL, to let another thread run. */
    @HostAccess.Export
    public void switchThreads() {
        interval.restart();
    }

    /** The value: a Long when it fits, else a BigInteger. */
    @HostAccess.Export
    public Number get(AtomicInt target) {
        return target.getNumber();
    }

    @HostAccess.Export
    public boolean compareAndSet(AtomicInt target, long expected, long newValue) {
        return target.compareAndSet(expected, newValue);
    }

    /**
     * {@link #compareAndSet} and {@link #switchDue} in one call (a call from Python costs more than
     * either): bit 0 of the answer is whether the value was set, bit 1 whether the caller should
     * switch threads.
     */
    @HostAccess.Export
    public int compareAndSetThenSwitchDue(AtomicInt target, long expected, long newValue) {
        boolean set = target.compareAndSet(expected, newValue);
        return (set ? 1 : 0) | (interval.elapsed() ? 2 : 0);
    }

    @HostAccess.Export
    public boolean compareAndSetBig(AtomicInt target, BigInteger expected, BigInteger newValue) {
        return target.compareAndSet(expected, newValue);
    }

    /** Sets the value; returns the previous one as {@link #get} does. */
    @HostAccess.Export
    public Number getAndSet(AtomicInt target, BigInteger newValue) {
        return GuestNumbers.narrow(target.getAndSet(newValue));
    }

    /** Sets the value; returns the previous one as {@link #get} does. */
    @HostAccess.Export
    public Number getAndSetLong(AtomicInt target, long newValue) {
        try {
            return target.getAndSet(newValue);
        } catch (ArithmeticException previousIsNotALong) { // nothing changed: redo it exactly
            return GuestNumbers.narrow(target.getAndSet(BigInteger.valueOf(newValue)));
        }
    }

    /** Adds {@code delta}; returns the previous value as {@link #get} does. */
    @HostAccess.Export
    public Number getAndAdd(AtomicInt target, long delta) {
        try {
            return target.getAndAdd(delta);
        } catch (ArithmeticException previousIsNotALong) { // nothing changed: redo it exactly
            return GuestNumbers.narrow(target.getAndAdd(BigInteger.valueOf(delta)));
        }
    }

    /** Adds {@code delta}; returns the previous value as {@link #get} does. */
    @HostAccess.Export
    public Number getAndAddBig(AtomicInt target, BigInteger delta) {
        return GuestNumbers.narrow(target.getAndAdd(delta));
    }
}
