package dev.atomicint.python;

import dev.atomicint.AtomicInt;
import dev.atomicint.GuestNumbers;
import dev.atomicint.IntOp;
import java.math.BigInteger;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java entry points of Python's host-mode AtomicInt: static methods taking the AtomicInt
 * first. Python fetches each function once, at import, and calls it per operation; GraalPy runs
 * such a call about 5x faster than an instance method, whose member it looks up on every call
 * (measured: 110 vs 20 million calls/s). Every method is short and never blocks, so Python calls
 * them with the GIL held. Overloads are avoided: each name takes one set of parameter types.
 *
 * <p>{@link #add} returns whether a {@link SwitchInterval} has elapsed, so the thread can give the
 * GIL up by calling {@link #switchThreads()} without it; {@link #switchDue()} asks the same after
 * the other calls.
 */
public final class HostCalls {

    private HostCalls() {}

    /** Adds {@code delta}; returns whether the caller should switch threads. */
    @HostAccess.Export
    public static boolean add(AtomicInt target, long delta) {
        target.add(delta);
        return SwitchInterval.elapsed();
    }

    @HostAccess.Export
    public static void apply(AtomicInt target, IntOp op, long operand) {
        target.apply(op, operand);
    }

    @HostAccess.Export
    public static void applyBig(AtomicInt target, IntOp op, BigInteger operand) {
        target.applyBig(op, operand);
    }

    /** Whether the calling Python thread has kept the GIL for a switch interval. */
    @HostAccess.Export
    public static boolean switchDue() {
        return SwitchInterval.elapsed();
    }

    /** Starts the next switch interval: Python calls it without the GIL, to let another thread run. */
    @HostAccess.Export
    public static void switchThreads() {
        SwitchInterval.restart();
    }

    /** The value: a Long when it fits, else a BigInteger. */
    @HostAccess.Export
    public static Number get(AtomicInt target) {
        return target.getNumber();
    }

    @HostAccess.Export
    public static boolean compareAndSet(AtomicInt target, long expected, long newValue) {
        return target.compareAndSet(expected, newValue);
    }

    @HostAccess.Export
    public static boolean compareAndSetBig(AtomicInt target, BigInteger expected, BigInteger newValue) {
        return target.compareAndSet(expected, newValue);
    }

    /** Sets the value; returns the previous one as {@link #get} does. */
    @HostAccess.Export
    public static Number getAndSet(AtomicInt target, BigInteger newValue) {
        return GuestNumbers.narrow(target.getAndSet(newValue));
    }

    /** Adds {@code delta}; returns the previous value as {@link #get} does. */
    @HostAccess.Export
    public static Number getAndAdd(AtomicInt target, long delta) {
        try {
            return target.getAndAdd(delta);
        } catch (ArithmeticException previousIsNotALong) { // nothing changed: redo it exactly
            return GuestNumbers.narrow(target.getAndAdd(BigInteger.valueOf(delta)));
        }
    }

    /** Adds {@code delta}; returns the previous value as {@link #get} does. */
    @HostAccess.Export
    public static Number getAndAddBig(AtomicInt target, BigInteger delta) {
        return GuestNumbers.narrow(target.getAndAdd(delta));
    }
}
