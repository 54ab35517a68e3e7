import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * One thread's latencies on a ZooKeeper ensemble (CONNECT), COUNT calls each, after BareSetData: the two read choices
 * on a bare Curator client (a plain getData, possibly stale; sync then getData, linearizable),
 * then an atomicint store's get() and += 1 on the same ensemble. Prints a Markdown table of mean µs.
 */
public final class ReadLatency {
    public static void main(String[] args) throws Exception {
        String connect = args[0];
        int count = Integer.parseInt(args[1]);
        System.out.println("| one thread, " + count + " calls each | mean µs |");
        System.out.println("|---|---|");
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(100))) {
            client.start();
            client.blockUntilConnected();
            String path = "/bench-bare"; // BareSetData's node, made earlier in the run
            row("bare getData (possibly stale)", count, () -> client.getData().forPath(path));
            row("bare sync + getData (linearizable)", count, () -> {
                client.getZookeeperClient().getZooKeeper().sync("/");
                return client.getData().forPath(path);
            });
        }
        try (AtomicIntStore store = AtomicIntStore.connect("zookeeper://" + connect + "/atomicint-bench")) {
            RemoteAtomicInt n = store.atomicInt("bench:latency");
            row("atomicint get() (sync + getData)", count, n::getBigInteger);
            row("atomicint += 1 (getData + versioned setData)", count, () -> {
                n.add(1);
                return null;
            });
        }
    }

    private static void row(String what, int count, Callable<?> call) throws Exception {
        for (int i = 0; i < 300; i++) { // warm-up
            call.call();
        }
        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            call.call();
        }
        System.out.printf("| %s | %.0f |%n", what, (System.nanoTime() - began) / 1e3 / count);
    }
}
