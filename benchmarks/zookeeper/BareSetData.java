import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * The engine's ceiling: THREADS Java threads sharing one Curator client (one ZooKeeper connection,
 * as an atomicint store has) looping an unconditional setData on one node for SECONDS; prints ops/s.
 */
public final class BareSetData {
    public static void main(String[] args) throws Exception {
        String connect = args[0];
        int threads = Integer.parseInt(args[1]);
        long nanos = (long) (Double.parseDouble(args[2]) * 1e9);
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
                            client.setData().forPath(path, Long.toString(i++).getBytes());
                            ops.increment();
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
