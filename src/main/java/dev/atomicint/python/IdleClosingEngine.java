package dev.atomicint.python;

import dev.atomicint.store.Engine;
import dev.atomicint.store.StoreException;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link Engine} that holds its connections only while it is used: {@link StoreReaper} closes
 * the engine underneath after {@link StoreReaper#IDLE_NANOS} without a call, and the next call
 * opens it again. A guest's store is one of these, so whatever it opened (sockets, a ZooKeeper
 * session and its threads) is gone soon after its context stops calling, however the context
 * ended. {@link #close()} is final: later calls throw {@link StoreException}.
 */
final class IdleClosingEngine implements Engine {

    private final Supplier<Engine> opener;
    private final String address;
    private final Runnable onClose;
    private final int addsInFlight;
    private final Object lock = new Object();
    private final AtomicInteger calls = new AtomicInteger(); // calls in flight; with `open`, a Dekker pair against the reaper
    private volatile Engine open; // null while closed for idleness (or for good)
    private volatile long lastUsed;
    private boolean closed; // guarded by lock

    private IdleClosingEngine(Supplier<Engine> opener, String address, Runnable onClose, Engine first) {
        this.opener = opener;
        this.address = address;
        this.onClose = onClose;
        this.addsInFlight = first.addsInFlight();
        this.open = first;
        this.lastUsed = System.nanoTime();
        StoreReaper.watch(this);
    }

    /** Opens the engine now (so that an unreachable store fails here); {@code onClose} runs once, at {@link #close()}. */
    static IdleClosingEngine open(Supplier<Engine> opener, String address, Runnable onClose) {
        return new IdleClosingEngine(opener, address, onClose, opener.get());
    }

    private <T> T use(Function<Engine, T> step) {
        calls.incrementAndGet();
        try {
            Engine engine = open;
            if (engine == null) {
                engine = reopen();
            }
            return step.apply(engine);
        } finally {
            lastUsed = System.nanoTime();
            calls.decrementAndGet();
        }
    }

    private Engine reopen() {
        synchronized (lock) {
            if (closed) {
                throw new StoreException("the store " + address + " is closed");
            }
            Engine engine = open;
            if (engine == null) {
                engine = opener.get();
                open = engine;
                StoreReaper.watch(this);
            }
            return engine;
        }
    }

    /** Closes the engine underneath if no call is in flight and none came for {@code idleNanos}; returns whether it is closed now. */
    boolean closeIfIdle(long idleNanos) {
        synchronized (lock) {
            Engine engine = open;
            if (engine == null) {
                return true;
            }
            if (calls.get() != 0 || System.nanoTime() - lastUsed < idleNanos) {
                return false;
            }
            open = null; // first withdraw it, then look again: a call that already took it has raised `calls`
            if (calls.get() != 0) {
                open = engine;
                return false;
            }
            engine.close();
            return true;
        }
    }

    @Override
    public Snapshot read(String key) {
        return use(e -> e.read(key));
    }

    @Override
    public Snapshot readToUpdate(String key) {
        return use(e -> e.readToUpdate(key));
    }

    @Override
    public Snapshot compareAndExchange(String key, Snapshot expected, BigInteger newValue) {
        return use(e -> e.compareAndExchange(key, expected, newValue));
    }

    @Override
    public Snapshot assumed(BigInteger value) {
        return use(e -> e.assumed(value));
    }

    @Override
    public int addsInFlight() {
        return addsInFlight;
    }

    @Override
    public BigInteger getAndSet(String key, BigInteger newValue) {
        return use(e -> e.getAndSet(key, newValue));
    }

    @Override
    public Long tryAdd(String key, long delta) {
        return use(e -> e.tryAdd(key, delta));
    }

    @Override
    public String address() {
        return address;
    }

    /** Closes the connections for good (calls in flight fail); runs {@code onClose} the first time. */
    @Override
    public void close() {
        Engine engine;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            engine = open;
            open = null;
        }
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "IdleClosingEngine[" + address + "]";
    }
}
