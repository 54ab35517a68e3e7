package dev.atomicint.store;

import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * The contract on a Redis deployment (one server, or a cluster), with a plain client of the same
 * deployment, as other programs see the keys.
 */
abstract class RedisContract extends RemoteAtomicIntContract {

    private final Function<StoreServer, UnifiedJedis> plainClient;
    private UnifiedJedis plain;

    RedisContract(Supplier<StoreServer> start, Function<StoreServer, UnifiedJedis> plainClient) {
        super(start);
        this.plainClient = plainClient;
    }

    /** The plain client, open for the whole class. */
    UnifiedJedis plain() {
        return plain;
    }

    @Override
    void openPlainClient(StoreServer started) {
        plain = plainClient.apply(started);
    }

    @Override
    void closePlainClient() {
        plain.close();
    }

    @Override
    String storedText(String key) {
        return plain.get(key);
    }

    @Override
    void storeText(String key, String text) {
        plain.set(key, text);
    }
}
