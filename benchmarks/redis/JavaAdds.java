import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.util.concurrent.atomic.LongAdder;

/**
 * Redis-backed {@code add(1)} throughput of a Java host application: THREADS Java threads sharing
 * one {@link RemoteAtomicInt} for SECONDS after a one-second warm-up; prints ops/s. Usage:
 * JavaAdds URL THREADS SECONDS.
 */
public final class JavaAdds {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[1]);
        long window = (long) (Double.parseDouble(args[2]) * 1e9);
        try (AtomicIntStore store = AtomicIntStore.connect(args[0])) {
            RemoteAtomicInt n = store.atomicInt("bench:java");
            LongAdder ops = new LongAdder();
            long began = System.nanoTime() + 1_000_000_000L; // after the warm-up second
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
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
