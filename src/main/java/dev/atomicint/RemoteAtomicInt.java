package dev.atomicint;

import dev.atomicint.Update.LongResult;
import dev.atomicint.store.Engine;
import dev.atomicint.store.Engine.Snapshot;
import dev.atomicint.store.NotAnIntegerException;
import dev.atomicint.store.OutcomeUnknownException;
import dev.atomicint.store.StoreException;
import java.io.NotSerializableException;
import java.io.Serial;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * An integer with the semantics of Python's {@code int} that lives in a storage engine under a name
 * (see {@link AtomicIntStore}), shared by every thread and process using the same store. The API is
 * {@link AtomicInt}'s, and so are the results: exact, never wrapping, the same {@link IntOp}
 * arithmetic and its {@link IntOp#MAX_BIT_LENGTH} limit on every value written (checked before
 * the server is asked).
 *
 * <p>Each update is atomic on the server: the engine's one-step add where it has one ({@link
 * Engine#tryAdd}, Redis {@code INCRBY}), else the exact result computed here from a snapshot and
 * written by the engine's compare-and-exchange, retried from the witness it answers until it
 * lands. Update functions may therefore run more than once, and should be free of side effects.
 *
 * <p>{@link #add(long)} from many threads of this JVM at once is combined ({@code AddCombiner}):
 * the adds that arrive while {@link Engine#addsInFlight()} are on their way go as one add of their
 * sum, so one round trip serves many threads; each add still takes effect inside its own call.
 *
 * <p>Failures (every method): {@link StoreException} when the engine could not be asked (nothing
 * changed); {@link OutcomeUnknownException} when an update was sent and its answer was lost (it may
 * or may not have been applied; it is never retried); {@link NotAnIntegerException} when the key
 * holds something else (left as it is); {@link ArithmeticException} as for AtomicInt (nothing changed).
 *
 * <p>Equality is identity, as for AtomicInt; two instances with the same store and name are views
 * of the same value.
 */
public final class RemoteAtomicInt extends Number {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Engine engine;
    private final String name;
    private final transient AddCombiner adds;

    RemoteAtomicInt(Engine engine, String name) {
        this.engine = engine;
        this.name = name;
        this.adds = new AddCombiner(this::addAlone, engine.addsInFlight());
    }

    /** The key this value is stored under. */
    public String name() {
        return name;
    }

    /** The address of the store holding it. */
    public String storeAddress() {
        return engine.address();
    }

    // ---- reads: one server round trip each

    /** Returns the value; throws ArithmeticException when it does not fit in a long. */
    public long get() {
        BigInteger v = getBigInteger();
        if (v.bitLength() >= Long.SIZE) {
            throw Update.notALong();
        }
        return v.longValue();
    }

    public BigInteger getBigInteger() {
        return engine.read(name).value();
    }

    /** Returns the value as a {@link Long} when it fits in a long, else as a {@link BigInteger}. */
    public Number getNumber() {
        return GuestNumbers.narrow(getBigInteger());
    }

    @Override
    public int intValue() {
        return getBigInteger().intValue();
    }

    @Override
    public long longValue() {
        return getBigInteger().longValue();
    }

    @Override
    public float floatValue() {
        return getBigInteger().floatValue();
    }

    @Override
    public double doubleValue() {
        return getBigInteger().doubleValue();
    }

    /** Returns the value in decimal (a server read); its cost is {@link AtomicInt#toString()}'s. */
    @Override
    public String toString() {
        return getBigInteger().toString();
    }

    // ---- updates in place

    /** Adds {@code delta}; one round trip while the value stays within 64 bits. */
    public void add(long delta) {
        adds.add(delta);
    }

    private void addAlone(long delta) {
        if (engine.tryAdd(name, delta) == null) {
            update(new Update.Apply(IntOp.ADD, delta, LongResult.NONE));
        }
    }

    public void addBig(BigInteger delta) {
        applyBig(IntOp.ADD, delta);
    }

    /** Atomically sets the value to {@code op(value, operand)}; see {@link AtomicInt#apply}. */
    public void apply(IntOp op, long operand) {
        if (op == IntOp.ADD) {
            add(operand);
        } else {
            update(new Update.Apply(op, operand, LongResult.NONE));
        }
    }

    public void applyBig(IntOp op, BigInteger operand) {
        update(new Update.Apply(op, operand, LongResult.NONE));
    }

    // ---- the AtomicLong face

    public void set(long newValue) {
        set(BigInteger.valueOf(newValue));
    }

    public void set(BigInteger newValue) {
        engine.getAndSet(name, ResultSize.storable(newValue));
    }

    public long getAndSet(long newValue) {
        BigInteger previous = getAndSet(BigInteger.valueOf(newValue));
        if (previous.bitLength() >= Long.SIZE) {
            throw new ArithmeticException("long overflow: the previous value does not fit in a long (the new one was set)");
        }
        return previous.longValue();
    }

    public BigInteger getAndSet(BigInteger newValue) {
        return engine.getAndSet(name, ResultSize.storable(newValue));
    }

    public boolean compareAndSet(long expectedValue, long newValue) {
        return compareAndSet(BigInteger.valueOf(expectedValue), BigInteger.valueOf(newValue));
    }

    /** One server step where the engine's version is the value itself (Redis), else a read and a step. */
    public boolean compareAndSet(BigInteger expectedValue, BigInteger newValue) {
        ResultSize.storable(newValue);
        Snapshot expected = engine.assumed(Objects.requireNonNull(expectedValue, "expectedValue"));
        if (expected == null) {
            expected = engine.read(name);
        }
        while (expected.value().equals(expectedValue)) {
            Snapshot witness = engine.compareAndExchange(name, expected, newValue);
            if (witness == null) {
                return true;
            }
            expected = witness; // the same value in another form (absent for 0, "007"): try again
        }
        return false;
    }

    public long incrementAndGet() {
        return addAndGet(1);
    }

    public long getAndIncrement() {
        return getAndAdd(1);
    }

    public long decrementAndGet() {
        return addAndGet(-1);
    }

    public long getAndDecrement() {
        return getAndAdd(-1);
    }

    public long addAndGet(long delta) {
        Long after = engine.tryAdd(name, delta);
        return after != null ? after : update(new Update.Apply(IntOp.ADD, delta, LongResult.NEW)).newLong();
    }

    public long getAndAdd(long delta) {
        Long after = engine.tryAdd(name, delta);
        return after != null
                ? after - delta // the value before was a long too, or the engine would have refused
                : update(new Update.Apply(IntOp.ADD, delta, LongResult.OLD)).oldLong();
    }

    public BigInteger addAndGet(BigInteger delta) {
        return update(new Update.Apply(IntOp.ADD, delta, LongResult.NONE)).newBigInteger();
    }

    public BigInteger getAndAdd(BigInteger delta) {
        return update(new Update.Apply(IntOp.ADD, delta, LongResult.NONE)).oldBigInteger();
    }

    public long updateAndGet(LongUnaryOperator updateFunction) {
        return update(new Update.OfLong(updateFunction)).newLong();
    }

    public long getAndUpdate(LongUnaryOperator updateFunction) {
        return update(new Update.OfLong(updateFunction)).oldLong();
    }

    public long accumulateAndGet(long x, LongBinaryOperator accumulatorFunction) {
        Objects.requireNonNull(accumulatorFunction, "accumulatorFunction");
        return updateAndGet(v -> accumulatorFunction.applyAsLong(v, x));
    }

    public long getAndAccumulate(long x, LongBinaryOperator accumulatorFunction) {
        Objects.requireNonNull(accumulatorFunction, "accumulatorFunction");
        return getAndUpdate(v -> accumulatorFunction.applyAsLong(v, x));
    }

    public BigInteger updateAndGetBig(UnaryOperator<BigInteger> updateFunction) {
        return update(new Update.OfBig(updateFunction)).newBigInteger();
    }

    public BigInteger getAndUpdateBig(UnaryOperator<BigInteger> updateFunction) {
        return update(new Update.OfBig(updateFunction)).oldBigInteger();
    }

    public BigInteger accumulateAndGetBig(BigInteger x, BinaryOperator<BigInteger> accumulatorFunction) {
        Objects.requireNonNull(accumulatorFunction, "accumulatorFunction");
        return updateAndGetBig(v -> accumulatorFunction.apply(v, x));
    }

    public BigInteger getAndAccumulateBig(BigInteger x, BinaryOperator<BigInteger> accumulatorFunction) {
        Objects.requireNonNull(accumulatorFunction, "accumulatorFunction");
        return getAndUpdateBig(v -> accumulatorFunction.apply(v, x));
    }

    /**
     * Applies {@code u}: computes its result from a snapshot and writes it with the engine's
     * compare-and-exchange, retrying from the witness until it lands. The linearization point is the
     * successful exchange, or, when the result equals the value, a linearizable read that finds the
     * snapshot's version still there (the snapshot itself may be stale: {@link Engine#readToUpdate}).
     */
    private <U extends Update> U update(U u) {
        Snapshot s = engine.readToUpdate(name);
        boolean linearizable = s == null; // s comes from read() or a compare-and-exchange's witness
        if (linearizable) {
            s = engine.read(name);
        }
        for (;;) {
            BigInteger old = s.value();
            BigInteger r = u.bigChecked(old);
            if (r.equals(old)) {
                Snapshot now = linearizable ? s : engine.read(name);
                if (now.version().equals(s.version())) {
                    u.committed(old, old);
                    return u;
                }
                s = now;
                linearizable = true;
                continue;
            }
            Snapshot witness = engine.compareAndExchange(name, s, r);
            if (witness == null) {
                u.committed(old, r);
                return u;
            }
            s = witness;
            linearizable = true;
        }
    }

    /** Refused: a RemoteAtomicInt is a reference to a key in a store, not a value. */
    @Serial
    private Object writeReplace() throws NotSerializableException {
        throw new NotSerializableException("a RemoteAtomicInt refers to the key '" + name + "' in " + engine.address()
                + "; serialize the store address and the name, and reopen it with AtomicIntStore.connect(address).atomicInt(name)");
    }
}
