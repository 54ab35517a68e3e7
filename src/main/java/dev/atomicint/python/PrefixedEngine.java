package dev.atomicint.python;

import dev.atomicint.store.Engine;
import java.math.BigInteger;

/** An {@link Engine} whose every key is its caller's name after a fixed prefix: a guest's confinement in a granted store. */
final class PrefixedEngine implements Engine {

    private final Engine engine;
    private final String prefix;

    PrefixedEngine(Engine engine, String prefix) {
        this.engine = engine;
        this.prefix = prefix;
    }

    @Override
    public Snapshot read(String key) {
        return engine.read(prefix + key);
    }

    @Override
    public Snapshot readToUpdate(String key) {
        return engine.readToUpdate(prefix + key);
    }

    @Override
    public Snapshot compareAndExchange(String key, Snapshot expected, BigInteger newValue) {
        return engine.compareAndExchange(prefix + key, expected, newValue);
    }

    @Override
    public Snapshot assumed(BigInteger value) {
        return engine.assumed(value);
    }

    @Override
    public int addsInFlight() {
        return engine.addsInFlight();
    }

    @Override
    public BigInteger getAndSet(String key, BigInteger newValue) {
        return engine.getAndSet(prefix + key, newValue);
    }

    @Override
    public Long tryAdd(String key, long delta) {
        return engine.tryAdd(prefix + key, delta);
    }

    @Override
    public String address() {
        return engine.address();
    }

    @Override
    public void close() {
        engine.close();
    }
}
