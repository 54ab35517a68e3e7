package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;

/** The contract on a 3-primary Redis Cluster started for this class: every name on its slot's primary. */
class RedisClusterRemoteAtomicIntTest extends RemoteAtomicIntContract {

    private JedisCluster plain; // another cluster client, as other programs see the key

    RedisClusterRemoteAtomicIntTest() {
        super(LocalRedisCluster::start);
    }

    @Override
    void openPlainClient(StoreServer started) {
        Set<HostAndPort> nodes = ((LocalRedisCluster) started).nodes().stream()
                .map(node -> new HostAndPort("127.0.0.1", node.port()))
                .collect(Collectors.toSet());
        plain = new JedisCluster(nodes);
        assertTrue(plain.getClusterNodes().size() >= 3, "the plain client sees the cluster");
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

    @Override
    String unreachableUrl() throws Exception {
        return "redis-cluster://127.0.0.1:" + freePort();
    }
}
