package dev.atomicint.store;

import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * The connection pool to the Redis primary an address names: the server itself ({@code redis://},
 * {@code rediss://}), or the master its Sentinels name now ({@code redis-sentinel://}), asked again
 * after a call fails ({@link #failed}), so that the engine follows a failover.
 */
final class RedisPrimary implements RedisServers {

    private final StoreAddress address;
    private final RedisConnections connections;
    private volatile JedisPool pool; // volatile: replaced when the sentinels name another master
    private StoreAddress.Endpoint current; // guarded by this
    private final AskLimit asking = new AskLimit();

    private RedisPrimary(StoreAddress address, int maxConnections) {
        this.address = address;
        this.connections = new RedisConnections(address, maxConnections);
    }

    static RedisPrimary of(StoreAddress address, int maxConnections) {
        RedisPrimary primary = new RedisPrimary(address, maxConnections);
        StoreAddress.Endpoint server = address.master() == null ? address.endpoints().get(0) : primary.askSentinels();
        synchronized (primary) {
            primary.current = server;
            primary.pool = primary.connections.open(server);
        }
        return primary;
    }

    @Override
    public JedisPool poolFor(String key) {
        return pool;
    }

    /** One server holds every key: a redirection means the address names a cluster node, which is no primary of all keys. */
    @Override
    public JedisPool redirected(JedisRedirectionException redirection) {
        return null;
    }

    /**
     * A call through {@code seen} failed (connection lost, or the server is a replica now): with
     * Sentinels, asks them which server is master and moves there if it changed. The failed call's
     * outcome stays what it was; later calls go to the new master.
     */
    @Override
    public void failed(JedisPool seen) {
        if (address.master() == null) {
            return;
        }
        if (seen != pool || !asking.mayAsk()) {
            return;
        }
        StoreAddress.Endpoint named;
        try {
            named = askSentinels();
        } catch (StoreException noSentinel) {
            return; // the next failure asks again
        }
        JedisPool old;
        synchronized (this) {
            if (asking.isClosed() || named.equals(current)) {
                return;
            }
            old = pool;
            current = named;
            pool = connections.open(named);
        }
        connections.retire(old);
    }

    /** The master's address as the first sentinel that answers names it. */
    private StoreAddress.Endpoint askSentinels() {
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(address.timeoutMillis())
                .socketTimeoutMillis(address.timeoutMillis())
                .clientName("atomicint")
                .build();
        StringBuilder failures = new StringBuilder();
        for (StoreAddress.Endpoint sentinel : address.endpoints()) {
            try (Jedis jedis = new Jedis(new InterruptibleSockets(sentinel, address.timeoutMillis(), null), config)) {
                List<String> master = jedis.sentinelGetMasterAddrByName(address.master());
                if (master != null && master.size() == 2) {
                    return new StoreAddress.Endpoint(master.get(0).toLowerCase(java.util.Locale.ROOT), Integer.parseInt(master.get(1)));
                }
                failures.append(sentinel).append(": no master named '").append(address.master()).append("'; ");
            } catch (JedisException | NumberFormatException e) {
                failures.append(sentinel).append(": ").append(e.getMessage()).append("; ");
            }
        }
        throw new StoreException("no sentinel of " + address + " named its master: " + failures);
    }

    @Override
    public boolean isClosed() {
        return asking.isClosed();
    }

    @Override
    public void close() {
        synchronized (this) { // after this, failed() opens no pool: it checks under the same lock
            asking.close();
        }
        connections.close();
    }
}
