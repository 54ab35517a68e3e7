import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The engine's ceiling: THREADS Java threads sharing one Curator client (one ZooKeeper connection,
 * as an atomicint store has) looping on one node for SECONDS; prints ops/s. MODE "set": an
 * unconditional setData (the write ceiling); "cas": getData then setData at that version, counting
 * the writes that landed (what any read-modify-write counter on ZooKeeper can do, before atomicint).
 */
public final class BareSetData {
    public static void main(String[] args) throws Exception {
        String connect = args[0];
        int threads = Integer.parseInt(args[1]);
        long nanos = (long) (Double.parseDouble(args[2]) * 1e9);
        boolean cas = args.length > 3 && args[3].equals("cas");
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(100))) {
            client.start();
            client.blockUntilConnected();
            String path = "/bench-bare";
            if (client.checkExists().forPath(path) == null) {
                client.create().forPath(path, "0".getBytes());
            }
            LongAdder ops = new LongAdder();
            Thread[] workers = new Thread[threads];
            long began = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers[t] = Thread.ofPlatform().start(() -> {
                    long i = 0;
                    try {
                        while (System.nanoTime() - began < nanos) {
                            if (!cas) {
                                client.setData().forPath(path, Long.toString(i++).getBytes());
                                ops.increment();
                                continue;
                            }
                            Stat stat = new Stat();
                            long value = Long.parseLong(new String(client.getData().storingStatIn(stat).forPath(path)));
                            try {
                                client.setData().withVersion(stat.getVersion()).forPath(path, Long.toString(value + 1).getBytes());
                                ops.increment();
                            } catch (KeeperException.BadVersionException conflict) {
                                // another thread's write landed first: read again
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            for (Thread w : workers) {
                w.join();
            }
            System.out.printf("%.0f%n", ops.sum() / ((System.nanoTime() - began) / 1e9));
        }
    }
}
