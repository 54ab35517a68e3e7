import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.util.concurrent.atomic.LongAdder;

/**
 * Redis-backed {@code add(1)} throughput of a Java host application: THREADS Java threads sharing
 * NAMES (default 1) {@link RemoteAtomicInt}s (thread t on name t mod NAMES, so that on a cluster
 * they spread over the nodes) for SECONDS after a one-second warm-up; prints ops/s. Usage:
 * JavaAdds URL THREADS SECONDS [NAMES].
 */
public final class JavaAdds {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[1]);
        long window = (long) (Double.parseDouble(args[2]) * 1e9);
        try (AtomicIntStore store = AtomicIntStore.connect(args[0])) {
            int names = args.length > 3 ? Integer.parseInt(args[3]) : 1;
            RemoteAtomicInt[] counters = new RemoteAtomicInt[names];
            for (int i = 0; i < names; i++) {
                counters[i] = store.atomicInt("bench:java:" + i);
            }
            LongAdder ops = new LongAdder();
            long began = System.nanoTime() + 1_000_000_000L; // after the warm-up second
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                RemoteAtomicInt n = counters[t % names];
                workers[t] = Thread.ofPlatform().start(() -> {
                    long now;
                    while ((now = System.nanoTime()) - began < window) {
                        n.add(1);
                        if (now >= began) {
                            ops.increment();
                        }
                    }
                });
            }
            for (Thread w : workers) {
                w.join();
            }
            System.out.printf("%.0f%n", ops.sum() / (window / 1e9));
        }
    }
}
