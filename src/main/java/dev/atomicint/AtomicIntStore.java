package dev.atomicint;

import dev.atomicint.store.Engine;
import dev.atomicint.store.Engines;
import dev.atomicint.store.RedisEngine;
import dev.atomicint.store.StoreAddress;
import dev.atomicint.store.StoreException;
import dev.atomicint.store.ZooKeeperEngine;
import java.util.Objects;

/**
 * A connection to a storage engine holding named integers, each shared by every process that
 * opens the same store: {@code try (AtomicIntStore store = AtomicIntStore.connect("redis://127.0.0.1:6379/0"))
 * { store.atomicInt("visits").incrementAndGet(); }}. The address's scheme picks the engine:
 * {@code redis://[[user:]password@]host[:port][/db][?timeout=ms]} ({@link RedisEngine}), {@code
 * zookeeper://host[:port][,host[:port]...][/chroot][?timeout=ms]} ({@link ZooKeeperEngine}); the
 * timeout (1 to 60000 ms, 2000 by default) bounds each wait for a server. Each engine's client is an
 * optional dependency (Jedis, Apache Curator), named when missing. Safe for use by many threads.
 * A thread interrupted during a call ends it: the call throws {@link StoreException} (an update's
 * outcome is then unknown), and the next call connects afresh.
 */
public final class AtomicIntStore implements AutoCloseable {

    private final Engine engine;

    private AtomicIntStore(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Connects to the engine at {@code address}; throws {@link StoreException} naming the address
     * when it cannot be reached, IllegalArgumentException naming the part of a malformed address
     * (see {@link StoreAddress}) before anything is sent.
     */
    public static AtomicIntStore connect(String address) {
        return new AtomicIntStore(Engines.open(StoreAddress.parse(address), Engines.DEFAULT_MAX_CONNECTIONS));
    }

    /** A store over an engine of the caller's own. */
    public static AtomicIntStore over(Engine engine) {
        return new AtomicIntStore(engine);
    }

    /** The integer stored under {@code name} (an absent one reads as 0). Cheap: no server call. */
    public RemoteAtomicInt atomicInt(String name) {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("an AtomicInt name must not be empty");
        }
        return new RemoteAtomicInt(engine, name);
    }

    /** The engine's address, without credentials. */
    public String address() {
        return engine.address();
    }

    /** Closes the connections; the store's AtomicInts then throw {@link StoreException}. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "AtomicIntStore[" + engine.address() + "]";
    }
}
