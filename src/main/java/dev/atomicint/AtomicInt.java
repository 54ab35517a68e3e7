package dev.atomicint;

import dev.atomicint.Update.LongResult;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import org.graalvm.polyglot.HostAccess;

/**
 * A mutable integer with the semantics of Python's {@code int}: arbitrary precision, never
 * wrapping, updated atomically and lock-free. The API mirrors {@link
 * java.util.concurrent.atomic.AtomicLong}; the long-typed methods throw {@link ArithmeticException}
 * instead of wrapping, and their BigInteger counterparts always succeed. Like AtomicLong, it uses
 * identity {@code equals} and {@code hashCode}, and update functions may be re-applied under
 * contention, so they should be free of side effects.
 *
 * <p>Long-typed methods deal in longs only: one throws {@code ArithmeticException}, changing
 * nothing, when the long it would return (the value before, for {@code getAndX}; after, for {@code
 * xAndGet}; the current one for {@link #get()}) or the long it would pass to a function does not
 * fit in a long. {@code getAndIncrement()} at {@code Long.MAX_VALUE} returns it and makes the value
 * 2^63; {@code incrementAndGet()} there throws.
 *
 * <p>Values are capped at {@link IntOp#MAX_BIT_LENGTH} bits (2^20), wherever they enter: a
 * constructor, a setter or compare-and-set's new value, an update or accumulator function's result,
 * an operation's result. Past it the call throws {@link ArithmeticException} and changes nothing;
 * new values are checked before any other work, so that no operation on an AtomicInt runs long.
 *
 * <h2>How it works</h2>
 *
 * The value lives in a cell while it lies in [-2^62, 2^62), and in an immutable BigInteger
 * otherwise. A cell is a volatile long {@code bits} holding {@code value << 1}; a set low bit marks
 * it frozen: it never changes again. The volatile field {@code state} says where the value is: the
 * AtomicInt itself (its own {@code homeBits}, the first cell, which spares the fast path an
 * indirection), a {@link LongCell} (a fresh cell for each return into range), or a BigInteger.
 *
 * <ul>
 *   <li>Long mode: read the cell's bits, compute, and CAS the bits; a failed CAS retries with the
 *       bits it witnessed. While the home cell is live it is the current one, so the fast path
 *       reads nothing else.
 *   <li>Leaving long mode, when a result falls outside the cell's range: CAS the bits from live
 *       to frozen (same value), then CAS the state from the cell to the BigInteger result. Any
 *       thread that finds a frozen cell does the same state CAS with its own update applied to the
 *       frozen value, so no thread waits for another, and the first such CAS wins.
 *   <li>Big mode: CAS the state from the BigInteger read to the result: a BigInteger, or a fresh
 *       LongCell when the result is in range again (fresh, so an old cell never comes back).
 * </ul>
 *
 * <p>Why it is linearizable. Invariant: a cell leaves the state only after it is frozen, and a
 * frozen cell never changes; so a live cell is the current state, and a state change (freeze, then
 * swap for an equal BigInteger or for the next value) never loses an update. Linearization points:
 * a successful CAS of a live cell's bits; a successful CAS of the state away from a BigInteger or a
 * frozen cell (whose value was current until then); for reads and updates that change nothing (a
 * failed compareAndSet, an {@code OR} with 0), the read of the bits, or of a BigInteger state: the
 * value read was current at a moment between the read of the state and that read. BigIntegers are
 * immutable, so state CASes on them compare values as well as identities, and ABA is harmless.
 *
 * <p>Publish an AtomicInt safely (through a final or volatile field, a concurrent collection, a
 * thread start), like any object whose constructor writes a non-final field.
 *
 * <p>The public constructors and methods but {@link #toString()} carry {@code @HostAccess.Export}:
 * they are the surface guest languages may use, so a GraalPy context with the polyglot default policy ({@code
 * HostAccess.EXPLICIT}) can use AtomicInt as it is. {@code dev.atomicint.python.AtomicIntHostAccess}
 * allows the same set in policies that do not honour the annotation.
 */
public final class AtomicInt extends Number implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final VarHandle STATE;
    private static final VarHandle HOME_BITS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(AtomicInt.class, "state", Object.class);
            HOME_BITS = lookup.findVarHandle(AtomicInt.class, "homeBits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The operation of the setters: the result is the operand. */
    private static final IntBinaryOp REPLACE = new IntBinaryOp() {
        @Override
        public long applyExact(long a, long b) {
            return b;
        }

        @Override
        public BigInteger apply(BigInteger a, BigInteger b) {
            return b;
        }
    };

    /** Where the value is: {@code this} (in homeBits), a {@link LongCell}, or a BigInteger out of cell range. */
    private transient volatile Object state;

    /** The home cell: the value's first cell, frozen for good once the value first leaves it. */
    private transient volatile long homeBits;

    /** Creates an AtomicInt with the value 0. */
    @HostAccess.Export
    public AtomicInt() {
        this(0L);
    }

    @HostAccess.Export
    public AtomicInt(long initialValue) {
        this(LongCell.inRange(initialValue) ? null : BigInteger.valueOf(initialValue), initialValue);
    }

    /**
     * Creates an AtomicInt with the value {@code initialValue}.
     *
     * @throws ArithmeticException when it has more than {@link IntOp#MAX_BIT_LENGTH} bits
     */
    @HostAccess.Export
    public AtomicInt(BigInteger initialValue) {
        this(LongCell.inRange(ResultSize.storable(Objects.requireNonNull(initialValue, "initialValue"))) ? null : initialValue,
                initialValue.longValue());
    }

    /** The value is {@code big}, or {@code small} when {@code big} is null. */
    private AtomicInt(BigInteger big, long small) {
        if (big == null) {
            homeBits = small << 1;
            state = this;
        } else {
            homeBits = LongCell.NO_BITS; // frozen from the start
            state = big;
        }
    }

    // ---- reads

    /** Returns the value; throws ArithmeticException when it does not fit in a long. */
    @HostAccess.Export
    public long get() {
        long bits = homeBits; // volatile: while live, the home cell is the current one
        if (!LongCell.isFrozen(bits)) {
            return LongCell.valueOf(bits);
        }
        if (getNumber() instanceof Long v) {
            return v;
        }
        throw Update.notALong();
    }

    @HostAccess.Export
    public BigInteger getBigInteger() {
        Number n = getNumber();
        return n instanceof BigInteger v ? v : BigInteger.valueOf(n.longValue());
    }

    /** Returns the value as a {@link Long} when it fits in a long, else as a {@link BigInteger}. */
    @HostAccess.Export
    public Number getNumber() {
        Object s = state; // volatile: the latest state; a LongCell or BigInteger seen here is fully constructed
        if (s instanceof BigInteger v) {
            return v.bitLength() < Long.SIZE ? (Number) v.longValue() : v;
        }
        return LongCell.valueOf(bitsOf(s)); // current or, if frozen, current since the state read
    }

    /** Returns the low 32 bits of the value, like {@link BigInteger#intValue()}. */
    @Override
    @HostAccess.Export
    public int intValue() {
        return getNumber().intValue();
    }

    /** Returns the low 64 bits of the value, like {@link BigInteger#longValue()}; see {@link #get()}. */
    @Override
    @HostAccess.Export
    public long longValue() {
        return getNumber().longValue();
    }

    /** Returns the value correctly rounded to a float, infinite beyond its range. */
    @Override
    @HostAccess.Export
    public float floatValue() {
        return getNumber().floatValue();
    }

    /** Returns the value correctly rounded to a double, infinite beyond its range. */
    @Override
    @HostAccess.Export
    public double doubleValue() {
        return getNumber().doubleValue();
    }

    /**
     * Returns the value in decimal, exactly, as {@link BigInteger#toString()} does, whatever its
     * size. Its cost grows faster than the value's size and it cannot be interrupted: about 1 ms
     * below 2^14 bits (Python's default limit of 4300 digits), and at {@link
     * IntOp#MAX_BIT_LENGTH} (315,653 digits) about 1 s, 5 s on a cold JVM (measured on a loaded
     * 2-core machine).
     * Code that logs values it does not control can log {@code getBigInteger().bitLength()}
     * instead. Not open to guest code (no {@code @HostAccess.Export}): Python gets the value's text
     * from {@code str(n)}, bounded as for {@code int} by {@code sys.get_int_max_str_digits()}, so
     * no guest can keep a thread in an uninterruptible conversion.
     */
    @Override
    public String toString() {
        return getNumber().toString();
    }

    // ---- the Python face: void, monomorphic, cheap

    /** Adds {@code delta}; fails only past {@link IntOp#MAX_BIT_LENGTH} (ArithmeticException, nothing changed). */
    @HostAccess.Export
    public void add(long delta) {
        apply(IntOp.ADD, delta);
    }

    /** Adds {@code delta}; fails only past {@link IntOp#MAX_BIT_LENGTH} (ArithmeticException, nothing changed). */
    @HostAccess.Export
    public void addBig(BigInteger delta) {
        applyBig(IntOp.ADD, delta);
    }

    /**
     * Atomically sets the value to {@code op(value, operand)}; an invalid operand or a too large
     * result throws ArithmeticException (see {@link IntOp}) and changes nothing.
     */
    @HostAccess.Export
    public void apply(IntOp op, long operand) {
        applyLong(Objects.requireNonNull(op, "op"), operand);
    }

    /** Like {@link #apply(IntOp, long)}. */
    @HostAccess.Export
    public void applyBig(IntOp op, BigInteger operand) {
        update(new Update.Apply(op, operand, LongResult.NONE));
    }

    // ---- the AtomicLong face

    @HostAccess.Export
    public void set(long newValue) {
        applyLong(REPLACE, newValue);
    }

    /** Sets the value; throws ArithmeticException, changing nothing, past {@link IntOp#MAX_BIT_LENGTH}. */
    @HostAccess.Export
    public void set(BigInteger newValue) {
        update(new Update.Apply(REPLACE, ResultSize.storable(newValue), LongResult.NONE));
    }

    /** Sets the value; as strong as {@link #set(long)}: a cell's bits are only ever CASed. */
    @HostAccess.Export
    public void lazySet(long newValue) {
        set(newValue);
    }

    @HostAccess.Export
    public long getAndSet(long newValue) {
        return getAndApply(REPLACE, newValue);
    }

    /** Like {@link #set(BigInteger)}, returning the value before. */
    @HostAccess.Export
    public BigInteger getAndSet(BigInteger newValue) {
        return update(new Update.Apply(REPLACE, ResultSize.storable(newValue), LongResult.NONE)).oldBigInteger();
    }

    @HostAccess.Export
    public boolean compareAndSet(long expectedValue, long newValue) {
        Object cell = fastCell();
        if (cell != null && LongCell.inRange(expectedValue) && LongCell.inRange(newValue)) {
            long witness = compareAndExchange(cell, expectedValue << 1, newValue << 1);
            if (!LongCell.isFrozen(witness)) {
                return witness == expectedValue << 1; // a live cell is the current one: decided at this CAS
            }
        }
        return compareAndSet(BigInteger.valueOf(expectedValue), BigInteger.valueOf(newValue));
    }

    /**
     * Sets the value to {@code newValue} if it is {@code expectedValue}; a {@code newValue} past
     * {@link IntOp#MAX_BIT_LENGTH} throws ArithmeticException whatever the value.
     */
    @HostAccess.Export
    public boolean compareAndSet(BigInteger expectedValue, BigInteger newValue) {
        return update(new Update.CompareAndSet(expectedValue, ResultSize.storable(newValue))).succeeded();
    }

    @HostAccess.Export
    public long incrementAndGet() {
        return applyAndGet(IntOp.ADD, 1);
    }

    @HostAccess.Export
    public long getAndIncrement() {
        return getAndApply(IntOp.ADD, 1);
    }

    @HostAccess.Export
    public long decrementAndGet() {
        return applyAndGet(IntOp.ADD, -1);
    }

    @HostAccess.Export
    public long getAndDecrement() {
        return getAndApply(IntOp.ADD, -1);
    }

    @HostAccess.Export
    public long addAndGet(long delta) {
        return applyAndGet(IntOp.ADD, delta);
    }

    @HostAccess.Export
    public long getAndAdd(long delta) {
        return getAndApply(IntOp.ADD, delta);
    }

    @HostAccess.Export
    public BigInteger addAndGet(BigInteger delta) {
        return update(new Update.Apply(IntOp.ADD, delta, LongResult.NONE)).newBigInteger();
    }

    @HostAccess.Export
    public BigInteger getAndAdd(BigInteger delta) {
        return update(new Update.Apply(IntOp.ADD, delta, LongResult.NONE)).oldBigInteger();
    }

    @HostAccess.Export
    public long updateAndGet(LongUnaryOperator updateFunction) {
        return update(new Update.OfLong(updateFunction)).newLong();
    }

    @HostAccess.Export
    public long getAndUpdate(LongUnaryOperator updateFunction) {
        return update(new Update.OfLong(updateFunction)).oldLong();
    }

    @HostAccess.Export
    public long accumulateAndGet(long x, LongBinaryOperator accumulatorFunction) {
        return updateAndGet(bind(x, accumulatorFunction));
    }

    @HostAccess.Export
    public long getAndAccumulate(long x, LongBinaryOperator accumulatorFunction) {
        return getAndUpdate(bind(x, accumulatorFunction));
    }

    @HostAccess.Export
    public BigInteger updateAndGetBig(UnaryOperator<BigInteger> updateFunction) {
        return update(new Update.OfBig(updateFunction)).newBigInteger();
    }

    @HostAccess.Export
    public BigInteger getAndUpdateBig(UnaryOperator<BigInteger> updateFunction) {
        return update(new Update.OfBig(updateFunction)).oldBigInteger();
    }

    @HostAccess.Export
    public BigInteger accumulateAndGetBig(BigInteger x, BinaryOperator<BigInteger> accumulatorFunction) {
        return updateAndGetBig(bind(x, accumulatorFunction));
    }

    @HostAccess.Export
    public BigInteger getAndAccumulateBig(BigInteger x, BinaryOperator<BigInteger> accumulatorFunction) {
        return getAndUpdateBig(bind(x, accumulatorFunction));
    }

    private static LongUnaryOperator bind(long x, LongBinaryOperator f) {
        Objects.requireNonNull(f, "accumulatorFunction");
        return v -> f.applyAsLong(v, x);
    }

    private static UnaryOperator<BigInteger> bind(BigInteger x, BinaryOperator<BigInteger> f) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(f, "accumulatorFunction");
        return v -> f.apply(v, x);
    }

    // ---- the machinery

    private void applyLong(IntBinaryOp op, long x) {
        if (tryFast(op, x) == LongCell.NO_BITS) {
            update(new Update.Apply(op, x, LongResult.NONE));
        }
    }

    /** {@code value = op(value, x)}; returns the value before, which must fit in a long. */
    private long getAndApply(IntBinaryOp op, long x) {
        long bits = tryFast(op, x);
        return bits != LongCell.NO_BITS
                ? LongCell.valueOf(bits)
                : update(new Update.Apply(op, x, LongResult.OLD)).oldLong();
    }

    /** {@code value = op(value, x)}; returns the value after, which must fit in a long. */
    private long applyAndGet(IntBinaryOp op, long x) {
        long bits = tryFast(op, x);
        return bits != LongCell.NO_BITS
                ? LongCell.valueOf(LongCell.applyToBits(op, bits, x)) // as computed in tryFast: ops are pure
                : update(new Update.Apply(op, x, LongResult.NEW)).newLong();
    }

    /**
     * The fast path: {@code value = op(value, x)} on a live cell, retried while the cell stays live
     * and the result in range. Returns the bits before, or {@link LongCell#NO_BITS} when the value
     * or the result is outside the cell range (then nothing changed and the slow path must run).
     */
    private long tryFast(IntBinaryOp op, long x) {
        Object cell = this;
        long bits = homeBits; // volatile: while live, the home cell is the current one
        if (LongCell.isFrozen(bits)) {
            if (!(state instanceof LongCell c)) { // volatile: a LongCell seen here is fully constructed
                return LongCell.NO_BITS;
            }
            cell = c;
            bits = c.bits();
        }
        for (;;) {
            long next = LongCell.applyToBits(op, bits, x);
            if (LongCell.isFrozen(next)) { // the cell is frozen, or the result out of its range
                return LongCell.NO_BITS;
            }
            long witness = compareAndExchange(cell, bits, next); // the linearization point
            if (witness == bits) {
                return bits;
            }
            bits = witness; // lost a race: retry from the bits that won, with no extra read
        }
    }

    /** The general path: applies {@code u} atomically, in any mode, and returns it, committed. */
    private <U extends Update> U update(U u) {
        for (;;) {
            Object s = state; // volatile: the latest state; a LongCell or BigInteger seen here is fully constructed
            BigInteger old;
            if (s instanceof BigInteger v) {
                old = v;
            } else {
                long bits = bitsOf(s);
                if (!LongCell.isFrozen(bits)) {
                    if (updateLiveCell(u, s, bits)) {
                        return u;
                    }
                    continue;
                }
                old = BigInteger.valueOf(LongCell.valueOf(bits)); // frozen: move the value out with this update
            }
            BigInteger r = u.bigChecked(old);
            if (r == old || STATE.compareAndSet(this, s, box(r))) { // volatile CAS: publishes the new state
                u.committed(old, r);
                return u;
            }
        }
    }

    /** One attempt of {@code u} on the live {@code cell} that had {@code bits}; returns whether it committed. */
    private boolean updateLiveCell(Update u, Object cell, long bits) {
        long v = LongCell.valueOf(bits);
        long r;
        BigInteger big = null;
        try {
            r = u.small(v);
        } catch (LongOverflow e) {
            big = u.bigChecked(BigInteger.valueOf(v));
            r = big.longValue();
        }
        if ((big == null || LongCell.inRange(big)) && LongCell.inRange(r)) {
            if (r != v && compareAndExchange(cell, bits, r << 1) != bits) {
                return false;
            }
            u.committed(v, r);
            return true;
        }
        big = big != null ? big : BigInteger.valueOf(r);
        // freeze first, so that no update of the cell can be lost; then swap it out (volatile CASes)
        if (!freeze(cell, bits) || !STATE.compareAndSet(this, cell, big)) {
            return false;
        }
        u.committed(BigInteger.valueOf(v), big);
        return true;
    }

    // ---- cells: this (the home cell) or a LongCell

    /** The current cell if it is live, else null; for fast paths. */
    private Object fastCell() {
        if (!LongCell.isFrozen(homeBits)) { // volatile: while live, the home cell is the current one
            return this;
        }
        return state instanceof LongCell c ? c : null; // volatile, as in getNumber()
    }

    private long bitsOf(Object cell) {
        return cell == this ? homeBits : ((LongCell) cell).bits(); // volatile: the freshest bits
    }

    /** CAS from live bits to new live bits; returns the witness bits, {@code expectedBits} on success. */
    private long compareAndExchange(Object cell, long expectedBits, long newBits) {
        return cell == this
                ? (long) HOME_BITS.compareAndExchange(this, expectedBits, newBits) // volatile, like AtomicLong's CAS
                : ((LongCell) cell).compareAndExchange(expectedBits, newBits);
    }

    /** Freezes a live cell whose bits are still {@code expectedBits}; returns whether this call did it. */
    private boolean freeze(Object cell, long expectedBits) {
        return cell == this
                ? HOME_BITS.compareAndSet(this, expectedBits, expectedBits | 1) // volatile: no update slips in first
                : ((LongCell) cell).freeze(expectedBits);
    }

    private static Object box(BigInteger value) {
        return LongCell.inRange(value) ? new LongCell(value.longValue()) : value;
    }

    // ---- serialization: the value only, through a proxy that rebuilds the internals

    @Serial
    private Object writeReplace() {
        return new SerializedForm(getBigInteger());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("an AtomicInt is deserialized through its serialization proxy");
    }

    private record SerializedForm(BigInteger value) implements Serializable {
        @Serial
        private Object readResolve() throws InvalidObjectException {
            if (value == null) {
                throw new InvalidObjectException("no value");
            }
            try {
                return new AtomicInt(value);
            } catch (ArithmeticException tooLarge) {
                throw (InvalidObjectException) new InvalidObjectException(tooLarge.getMessage()).initCause(tooLarge);
            }
        }
    }
}
