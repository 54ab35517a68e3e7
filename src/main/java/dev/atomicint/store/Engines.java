package dev.atomicint.store;

import java.util.function.Supplier;

/**
 * Opens the {@link Engine} an address names: {@link RedisEngine} or {@link ZooKeeperEngine}. Each
 * engine's client is an optional dependency of atomicint (Jedis, Apache Curator): without it on
 * the class path, a StoreException says which library to add, where the JVM would only say which
 * class it could not find.
 */
public final class Engines {

    /** How many connections a Redis engine opens at most by default: one per concurrently calling thread. */
    public static final int DEFAULT_MAX_CONNECTIONS = 128;

    private Engines() {}

    /** Connects to the engine at {@code address}, with at most {@code maxConnections} connections where the engine pools them. */
    public static Engine open(StoreAddress address, int maxConnections) {
        return switch (address.scheme()) {
            case REDIS, REDISS, REDIS_SENTINEL, REDIS_CLUSTER -> withClient("redis.clients:jedis 8.0.2", () -> RedisEngine.connect(address, maxConnections));
            case ZOOKEEPER -> withClient("org.apache.curator:curator-framework 5.9.0", () -> ZooKeeperEngine.connect(address));
        };
    }

    private static Engine withClient(String client, Supplier<Engine> open) {
        try {
            return open.get();
        } catch (NoClassDefFoundError missing) {
            throw new StoreException("this store needs its client library " + client
                    + " on the class path (an optional dependency of atomicint; add it to the application)", missing);
        }
    }
}
