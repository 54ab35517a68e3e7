package dev.atomicint.store;

import java.math.BigInteger;

/**
 * Where a shared integer lives: one small class per storage engine (Redis today; a versioned-CAS
 * engine such as ZooKeeper fits the same four steps). Each method is one atomic step on the
 * server. Implementations are safe for use by many threads at once.
 *
 * <p>Failures: a step that surely did not run (the engine could not be reached, a read failed)
 * throws {@link StoreException}; a step that may or may not have run (the connection broke or timed
 * out after the request was sent) throws {@link OutcomeUnknownException} and is never retried
 * here; a key that holds something other than an integer throws {@link NotAnIntegerException} and
 * is left as it is.
 */
public interface Engine extends AutoCloseable {

    /**
     * The value at {@code key} (0 when absent) and the version a later {@link #compareAndExchange}
     * names: an opaque token, such as the stored text (Redis) or a node version (ZooKeeper).
     */
    Snapshot read(String key);

    /**
     * A snapshot to compute an update from, cheaper than {@link #read} but possibly stale (ZooKeeper:
     * no {@code sync}), which is sound because {@link #compareAndExchange} refuses a stale version;
     * null for engines that have no such read (the default): the caller then uses {@link #read}.
     */
    default Snapshot readToUpdate(String key) {
        return null;
    }

    /**
     * Sets {@code key} to {@code newValue} if it is still at {@code expected}'s version; returns
     * null when it did, else the current snapshot (so a retry needs no extra read).
     */
    Snapshot compareAndExchange(String key, Snapshot expected, BigInteger newValue);

    /**
     * The snapshot {@code value} would have, made without a read, for engines whose version is the
     * value itself (Redis: the decimal text), so that a compare-and-set is one step; null for
     * engines that must read the version first (the default).
     */
    default Snapshot assumed(BigInteger value) {
        return null;
    }

    /**
     * How many adds to one key a RemoteAtomicInt sends at once before later ones gather into one
     * add of their sum (group commit): 8 by default, for engines with a one-step add (Redis {@code
     * INCRBY}). Measured on loopback Redis (benchmarks/results/redis-bench.md): 4 Python threads
     * 89-93k adds/s with 4-8 in flight against 33-41k with 1; 16 threads 76-79k with 4-8, 97k with 16.
     * A compare-and-set engine returns 1: its concurrent writes to one key conflict and are redone.
     */
    default int addsInFlight() {
        return 8;
    }

    /** Sets {@code key} to {@code newValue}; returns the previous value (0 when absent). */
    BigInteger getAndSet(String key, BigInteger newValue);

    /**
     * {@code key += delta} in one server step where the engine has one (Redis {@code INCRBY} while
     * the value and the result fit in 64 bits): returns the new value, or null when the engine
     * cannot, having changed nothing (the caller then takes the compare-and-exchange path).
     */
    default Long tryAdd(String key, long delta) {
        return null;
    }

    /** The address this engine was opened with, without credentials. */
    String address();

    /** Releases the engine's connections; later calls throw {@link StoreException}. */
    @Override
    void close();

    /** A value read from the engine and the version it was read at. */
    record Snapshot(BigInteger value, Object version) {}
}
