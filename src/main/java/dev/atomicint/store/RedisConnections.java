package dev.atomicint.store;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisFactory;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The connection pools of one Redis store, one per server it talks to, all within one budget: at
 * most {@code maxConnections} connections open at once over every server together (a cluster's
 * nodes, or a master and the one it replaced), so a store's bound holds however many servers it
 * reaches. A pool that needs a connection while the budget is spent first closes the idle ones of
 * the other pools.
 */
final class RedisConnections implements AutoCloseable {

    /** How often a pool waiting for the budget closes the other pools' idle connections again. */
    private static final long RECHECK_MILLIS = 5;

    /** How long one wait of a borrower inside a pool lasts before it asks again (see {@link SlicedWaitPool}). */
    private static final long BORROW_SLICE_MILLIS = 20;

    private final StoreAddress address;
    private final int maxConnections;
    private final Semaphore budget; // one permit per open connection, over every pool
    private final List<JedisPool> pools = new CopyOnWriteArrayList<>(); // copy-on-write: added rarely, walked when the budget is spent
    private volatile boolean closed; // volatile: a pool opened by a call racing close() sees it and closes itself

    RedisConnections(StoreAddress address, int maxConnections) {
        this.address = address;
        this.maxConnections = maxConnections;
        this.budget = new Semaphore(maxConnections);
    }

    /** A new pool of connections to {@code server}, with the address's credentials, database, timeout and TLS. */
    JedisPool open(StoreAddress.Endpoint server) {
        int timeout = address.timeoutMillis();
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .database(address.database())
                .clientName("atomicint")
                .user(address.user())
                .password(address.password())
                .build();
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(maxConnections); // one connection per concurrently calling thread, up to this many
        poolConfig.setMaxIdle(maxConnections);
        poolConfig.setMaxWait(Duration.ofMillis(Math.min(timeout, BORROW_SLICE_MILLIS)));
        poolConfig.setJmxEnabled(false);
        JedisPool pool = new SlicedWaitPool(poolConfig, new Budgeted(new InterruptibleSockets(server, timeout,
                address.isTls() ? TlsContexts.of(address.tls()).getSocketFactory() : null), config));
        pools.add(pool);
        if (closed) {
            retire(pool);
            throw new StoreException("the store " + address + " is closed");
        }
        return pool;
    }

    /** Closes {@code pool} (its connections in use close as they come back) and forgets it. */
    void retire(JedisPool pool) {
        pools.remove(pool);
        pool.close();
    }

    @Override
    public void close() {
        closed = true;
        for (JedisPool pool : pools) {
            retire(pool);
        }
    }

    /** When a wait for a connection that starts now gives up: the address's timeout from now, in {@link System#nanoTime()}. */
    private long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(address.timeoutMillis());
    }

    /**
     * A pool whose borrowers wait for a connection up to the address's timeout in short slices,
     * trying again after each. A borrower waiting inside commons-pool's pool is woken only by a
     * connection coming back to it; when another pool's budget wait closes that connection as it
     * comes back idle (above), the borrower is not woken to make a new one, though the pool now may,
     * and waited out its whole timeout (RedisClusterTest, budget 1 over 3 nodes: 2-4 of 6 threads
     * failed in each of two runs). A new attempt after a slice makes the connection.
     */
    private final class SlicedWaitPool extends JedisPool {

        SlicedWaitPool(GenericObjectPoolConfig<Jedis> config, Budgeted factory) {
            super(config, factory);
        }

        @Override
        public Jedis getResource() {
            long deadline = deadline();
            while (true) {
                try {
                    return super.getResource();
                } catch (JedisException e) {
                    if (!(e.getCause() instanceof NoSuchElementException)) { // not a slice waited out: a failure to connect, a closed pool
                        throw e;
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        throw new JedisException("no connection of " + address + " came free within " + address.timeoutMillis()
                                + " ms (at most " + maxConnections + " open at once, over all its servers)");
                    }
                }
            }
        }
    }

    /** Jedis's factory, taking a permit of the budget for each connection it opens and giving it back when it closes one. */
    private final class Budgeted extends JedisFactory {

        Budgeted(InterruptibleSockets sockets, DefaultJedisClientConfig config) {
            super(sockets, config);
        }

        @Override
        public PooledObject<Jedis> makeObject() throws Exception {
            long deadline = deadline();
            while (!budget.tryAcquire(RECHECK_MILLIS, TimeUnit.MILLISECONDS)) { // a connection given back idle keeps its permit: look again
                if (System.nanoTime() > deadline) {
                    throw new JedisConnectionException("all " + maxConnections + " connections of " + address
                            + " are in use (its limit, over all its servers)");
                }
                for (JedisPool pool : pools) {
                    pool.clear(); // idle connections (to other servers: this pool has none) give their permits back
                }
            }
            try {
                return super.makeObject();
            } catch (Exception | Error e) {
                budget.release();
                throw e;
            }
        }

        @Override
        public void destroyObject(PooledObject<Jedis> connection) throws Exception {
            try {
                super.destroyObject(connection);
            } finally {
                budget.release();
            }
        }
    }
}
