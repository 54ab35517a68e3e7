import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.Jedis;

/** The engine's ceiling: THREADS Java threads, one Jedis connection each, looping INCR for SECONDS; prints ops/s. */
public final class BareIncr {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        long nanos = (long) (Double.parseDouble(args[2]) * 1e9);
        LongAdder ops = new LongAdder();
        Thread[] workers = new Thread[threads];
        long began = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                    while (System.nanoTime() - began < nanos) {
                        jedis.incr("bench:bare");
                        ops.increment();
                    }
                }
            });
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf("%.0f%n", ops.sum() / ((System.nanoTime() - began) / 1e9));
    }
}
