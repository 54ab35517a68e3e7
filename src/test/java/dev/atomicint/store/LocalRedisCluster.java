package dev.atomicint.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of 3 primaries on loopback, each redis-server in its own directory and port:
 * joined by {@code CLUSTER MEET}, the 16384 slots split in 3 ranges by {@code CLUSTER ADDSLOTS},
 * ready once every node says {@code cluster_state:ok} and names all three (within 30 s).
 */
public final class LocalRedisCluster implements StoreServer {

    private static final int SLOTS = 16384;

    private final List<RedisServer> nodes = new ArrayList<>();

    private LocalRedisCluster() {}

    /** Starts the three nodes and forms the cluster. */
    public static LocalRedisCluster start() {
        LocalRedisCluster cluster = new LocalRedisCluster();
        try {
            for (int i = 0; i < 3; i++) {
                cluster.nodes.add(RedisServer.startClusterNode());
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException | InterruptedException e) {
            try {
                cluster.close();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the cluster did not form", e);
        }
    }

    private void form() throws InterruptedException {
        try (Jedis first = client(0)) {
            for (int i = 1; i < nodes.size(); i++) {
                first.clusterMeet("127.0.0.1", nodes.get(i).port());
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            int from = i * SLOTS / nodes.size();
            int to = (i + 1) * SLOTS / nodes.size();
            int[] slots = new int[to - from];
            for (int s = 0; s < slots.length; s++) {
                slots[s] = from + s;
            }
            try (Jedis node = client(i)) {
                node.clusterAddSlots(slots);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster was not ready after 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Every node says the cluster is ok and knows the 3 slot ranges. */
    private boolean ready() {
        for (int i = 0; i < nodes.size(); i++) {
            try (Jedis node = client(i)) {
                if (!node.clusterInfo().contains("cluster_state:ok") || node.clusterSlots().size() != nodes.size()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code redis-cluster://127.0.0.1:p0,127.0.0.1:p1,127.0.0.1:p2}. */
    @Override
    public String url() {
        List<String> seeds = new ArrayList<>();
        for (RedisServer node : nodes) {
            seeds.add("127.0.0.1:" + node.port());
        }
        return "redis-cluster://" + String.join(",", seeds);
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** A plain connection to node {@code i}. */
    public Jedis client(int i) {
        return new Jedis("127.0.0.1", nodes.get(i).port());
    }

    /** The index of the node that serves {@code key}'s slot now, as that slot's owner says. */
    public int ownerOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        for (int i = 0; i < nodes.size(); i++) {
            try (Jedis node = client(i)) {
                String id = node.clusterMyId();
                for (String line : node.clusterNodes().split("\n")) {
                    if (line.startsWith(id) && servesSlot(line, slot)) {
                        return i;
                    }
                }
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** Whether a CLUSTER NODES line lists {@code slot} among its ranges (fields 9 on: "a-b" or "a"). */
    private static boolean servesSlot(String line, int slot) {
        String[] fields = line.split(" ");
        for (int f = 8; f < fields.length; f++) {
            if (fields[f].startsWith("[")) {
                continue; // a slot being migrated or imported, listed apart
            }
            String[] range = fields[f].split("-");
            int first = Integer.parseInt(range[0]);
            int last = range.length == 2 ? Integer.parseInt(range[1]) : first;
            if (first <= slot && slot <= last) {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves {@code slot} from node {@code from} to node {@code to} as redis-cli's reshard does: the
     * target IMPORTING, the source MIGRATING, each key MIGRATEd one at a time ({@code pauseMillis}
     * after each, so that clients meet the slot half moved), then the slot given to the target on
     * every node. Returns how many keys moved.
     */
    public int migrate(int slot, int from, int to, long pauseMillis) throws InterruptedException {
        try (Jedis source = client(from); Jedis target = client(to)) {
            String sourceId = source.clusterMyId();
            String targetId = target.clusterMyId();
            target.clusterSetSlotImporting(slot, sourceId);
            source.clusterSetSlotMigrating(slot, targetId);
            Thread.sleep(pauseMillis);
            int moved = 0;
            for (List<String> keys = source.clusterGetKeysInSlot(slot, 1); !keys.isEmpty(); keys = source.clusterGetKeysInSlot(slot, 1)) {
                String answer = source.migrate("127.0.0.1", nodes.get(to).port(), keys.get(0), 0, 5000);
                if (!"OK".equals(answer) && !"NOKEY".equals(answer)) {
                    throw new IllegalStateException("MIGRATE " + keys.get(0) + " answered " + answer);
                }
                moved++;
                Thread.sleep(pauseMillis);
            }
            target.clusterSetSlotNode(slot, targetId);
            source.clusterSetSlotNode(slot, targetId);
            for (int i = 0; i < nodes.size(); i++) {
                if (i != from && i != to) {
                    try (Jedis other = client(i)) {
                        other.clusterSetSlotNode(slot, targetId);
                    }
                }
            }
            return moved;
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (RedisServer node : nodes) {
            node.close();
        }
    }
}
