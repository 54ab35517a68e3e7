package dev.atomicint.store;

import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Where {@link RedisEngine} sends a key's commands: one primary ({@link RedisPrimary}, maybe named
 * by Sentinels) or the primary of the key's slot in a cluster ({@link RedisCluster}).
 */
interface RedisServers extends AutoCloseable {

    /** The pool of the server that holds {@code key}; any of the store's servers for null. */
    JedisPool poolFor(String key);

    /**
     * A server answered {@code MOVED} or {@code ASK} (it ran nothing): the pool of the server named,
     * after noting a {@code MOVED} slot's new primary; null where the address names no cluster.
     */
    JedisPool redirected(JedisRedirectionException redirection);

    /** A call through {@code seen} failed: the servers may have changed (a failover); later calls may go elsewhere. */
    void failed(JedisPool seen);

    boolean isClosed();

    @Override
    void close();
}
