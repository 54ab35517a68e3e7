import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Forms a Redis Cluster of the cluster-enabled nodes on 127.0.0.1:PORTS (comma-separated), as
 * redis-cli --cluster create would without replicas: CLUSTER MEET, the 16384 slots split evenly by
 * CLUSTER ADDSLOTS; returns once every node says cluster_state:ok and knows every range (at most 30 s).
 *
 * <p>Usage: FormCluster PORTS
 */
public final class FormCluster {
    public static void main(String[] args) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (String port : args[0].split(",")) {
            ports.add(Integer.parseInt(port));
        }
        try (Jedis first = new Jedis("127.0.0.1", ports.get(0))) {
            for (int port : ports.subList(1, ports.size())) {
                first.clusterMeet("127.0.0.1", port);
            }
        }
        for (int i = 0; i < ports.size(); i++) {
            int from = i * 16384 / ports.size();
            int[] slots = new int[(i + 1) * 16384 / ports.size() - from];
            for (int s = 0; s < slots.length; s++) {
                slots[s] = from + s;
            }
            try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
                node.clusterAddSlots(slots);
            }
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int port : ports) {
            try (Jedis node = new Jedis("127.0.0.1", port)) {
                while (!node.clusterInfo().contains("cluster_state:ok") || node.clusterSlots().size() != ports.size()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the cluster was not ready after 30 s");
                    }
                    Thread.sleep(100);
                }
            }
        }
    }
}
