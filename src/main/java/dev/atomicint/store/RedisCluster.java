package dev.atomicint.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The primaries of a Redis Cluster ({@code redis-cluster://node,node,...}): each key's commands go
 * to the primary of its hash slot, as {@code CLUSTER SLOTS} last named it. A {@code MOVED} answer
 * updates that slot; a failed call makes the nodes be asked again (at most every 100 ms), so the
 * engine follows resharding and failovers. Connections to every node share one budget
 * ({@link RedisConnections}).
 */
final class RedisCluster implements RedisServers {

    private static final int SLOTS = 16384;

    private final StoreAddress address;
    private final RedisConnections connections;
    private final Map<StoreAddress.Endpoint, JedisPool> pools = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<JedisPool> slots = new AtomicReferenceArray<>(SLOTS); // per-slot volatile: set by MOVED or a refresh, read by every call
    private volatile JedisPool any; // volatile: the pool of the node that answered the last refresh, for calls naming no key
    private final AskLimit asking = new AskLimit();

    private RedisCluster(StoreAddress address, int maxConnections) {
        this.address = address;
        this.connections = new RedisConnections(address, maxConnections);
    }

    /** The cluster as the first seed node that answers {@code CLUSTER SLOTS} describes it; StoreException if none does. */
    static RedisCluster of(StoreAddress address, int maxConnections) {
        RedisCluster cluster = new RedisCluster(address, maxConnections);
        try {
            cluster.askNodes();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    @Override
    public JedisPool poolFor(String key) {
        if (key == null) {
            return any;
        }
        int slot = JedisClusterCRC16.getSlot(key); // the slot of the key's {hash tag} if it has one, as the server computes it
        JedisPool pool = slots.get(slot);
        if (pool == null) {
            askAgain();
            pool = slots.get(slot);
        }
        if (pool == null) {
            throw new StoreException("no node of " + address + " serves the hash slot " + slot + " of '" + key
                    + "' (the cluster's slots are not all assigned)");
        }
        return pool;
    }

    @Override
    public JedisPool redirected(JedisRedirectionException redirection) {
        JedisPool target = poolTo(new StoreAddress.Endpoint(redirection.getTargetNode().getHost().toLowerCase(Locale.ROOT),
                redirection.getTargetNode().getPort()));
        if (redirection instanceof JedisMovedDataException) {
            slots.set(redirection.getSlot(), target); // the slot has moved for good; an ASK is for one command only
        }
        return target;
    }

    @Override
    public void failed(JedisPool seen) {
        askAgain();
    }

    @Override
    public boolean isClosed() {
        return asking.isClosed();
    }

    @Override
    public void close() {
        asking.close();
        connections.close();
    }

    /** Asks the nodes for the slots again, unless someone did within the last 100 ms. */
    private void askAgain() {
        if (!asking.mayAsk()) {
            return;
        }
        try {
            askNodes();
        } catch (StoreException noNode) {
            // the next failure asks again
        }
    }

    /** Sets every slot's primary as the first node that answers (the seeds, then the nodes known) names it. */
    private void askNodes() {
        StringBuilder failures = new StringBuilder();
        LinkedHashSet<StoreAddress.Endpoint> nodes = new LinkedHashSet<>(address.endpoints());
        nodes.addAll(pools.keySet());
        for (StoreAddress.Endpoint node : nodes) {
            JedisPool pool = poolTo(node);
            List<Object> ranges;
            try (Jedis jedis = pool.getResource()) {
                ranges = jedis.clusterSlots();
            } catch (JedisException e) {
                failures.append(node).append(": ").append(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()))
                        .append("; ");
                continue;
            }
            for (Object range : ranges) {
                List<?> r = (List<?>) range; // [first slot, last slot, [host, port, id], replicas...]
                List<?> primary = (List<?>) r.get(2);
                String host = SafeEncoder.encode((byte[]) primary.get(0)).toLowerCase(Locale.ROOT);
                JedisPool owner = poolTo(new StoreAddress.Endpoint(host.isEmpty() ? node.host() : host, ((Long) primary.get(1)).intValue()));
                for (int slot = ((Long) r.get(0)).intValue(); slot <= ((Long) r.get(1)).intValue(); slot++) {
                    slots.set(slot, owner);
                }
            }
            any = pool;
            return;
        }
        throw new StoreException("cannot connect to " + address + ": no node answered CLUSTER SLOTS: " + failures);
    }

    private JedisPool poolTo(StoreAddress.Endpoint node) {
        return pools.computeIfAbsent(node, connections::open);
    }
}
