package dev.atomicint.store;

import java.util.HashSet;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;

/** The contract on a 3-primary Redis Cluster started for this class: every name on its slot's primary. */
class RedisClusterRemoteAtomicIntTest extends RedisContract {

    RedisClusterRemoteAtomicIntTest() {
        super(LocalRedisCluster::start, started -> new JedisCluster(new HashSet<>(((LocalRedisCluster) started).nodes().stream()
                .map(node -> new HostAndPort("127.0.0.1", node.port()))
                .toList())));
    }

    @Override
    String unreachableUrl() throws Exception {
        return "redis-cluster://127.0.0.1:" + freePort();
    }
}
