package dev.atomicint;

import dev.atomicint.store.Engine;
import dev.atomicint.store.RedisEngine;
import dev.atomicint.store.StoreException;
import dev.atomicint.store.ZooKeeperEngine;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A connection to a storage engine holding named integers, each shared by every process that
 * opens the same store: {@code try (AtomicIntStore store = AtomicIntStore.connect("redis://127.0.0.1:6379/0"))
 * { store.atomicInt("visits").incrementAndGet(); }}. The address's scheme picks the engine:
 * {@code redis://host[:port][/db][?timeout=ms]} ({@link RedisEngine}), {@code
 * zookeeper://host:port[,host:port...][/chroot][?timeout=ms]} ({@link ZooKeeperEngine}). Each
 * engine's client is an optional dependency (Jedis, Apache Curator), named when missing. Safe for
 * use by many threads.
 */
public final class AtomicIntStore implements AutoCloseable {

    private final Engine engine;

    private AtomicIntStore(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Connects to the engine at {@code address}; throws {@link StoreException} naming the address
     * when it cannot be reached, IllegalArgumentException for an address no engine takes.
     */
    public static AtomicIntStore connect(String address) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(address, "address"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a store address: " + address, e);
        }
        return switch (String.valueOf(uri.getScheme())) {
            case "redis" -> new AtomicIntStore(withClient("redis.clients:jedis 8.0.2", () -> RedisEngine.connect(uri)));
            case "zookeeper" -> new AtomicIntStore(withClient("org.apache.curator:curator-framework 5.9.0",
                    () -> ZooKeeperEngine.connect(uri)));
            default -> throw new IllegalArgumentException("no engine for the address " + address
                    + " (known: redis://host:port/db, zookeeper://host:port[,host:port...]/chroot)");
        };
    }

    /**
     * Opens an engine whose client library is an optional dependency of atomicint; without it on
     * the class path, a StoreException says which library to add, where the JVM would only say
     * which class it could not find.
     */
    private static Engine withClient(String client, Supplier<Engine> open) {
        try {
            return open.get();
        } catch (NoClassDefFoundError missing) {
            throw new StoreException("this store needs its client library " + client
                    + " on the class path (an optional dependency of atomicint; add it to the application)", missing);
        }
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
