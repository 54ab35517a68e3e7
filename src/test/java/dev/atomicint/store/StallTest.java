package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A call on a stalled server (SIGSTOP: connections stay open, nothing answers) fails within its
 * timeout: one wait, not two. Redis: a failed connection's replacement is made off the caller's
 * thread. ZooKeeper: a request waits the timeout (not 2/3 of the session), and a call with no
 * connection waits for one at most the timeout, then is not sent.
 */
@Timeout(180)
class StallTest {

    private static final int TIMEOUT_MILLIS = 1000;
    /** Over the timeout a call may take: scheduling on a loaded 2-core machine (a second wait would add 1000). */
    private static final int MARGIN_MILLIS = 600;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "redis, get", "redis, add", "redis, compareAndSet", "redis, getAndSet", "redis, addAndGet",
        "zookeeper, get", "zookeeper, add", "zookeeper, compareAndSet", "zookeeper, getAndSet", "zookeeper, addAndGet"})
    void aCallOnAStalledServerFailsWithinItsTimeout(String engine, String call) throws Exception {
        Consumer<RemoteAtomicInt> step = switch (call) {
            case "get" -> RemoteAtomicInt::get;
            case "add" -> n -> n.add(1);
            case "compareAndSet" -> n -> n.compareAndSet(1, 2);
            case "getAndSet" -> n -> n.getAndSet(5);
            default -> n -> n.addAndGet(1);
        };
        boolean redis = engine.equals("redis");
        StoreServer server = redis ? RedisServer.start() : ZooKeeperProcess.start();
        List<Long> took = new ArrayList<>();
        try (server; AtomicIntStore store = AtomicIntStore.connect(server.url() + "?timeout=" + TIMEOUT_MILLIS)) {
            RemoteAtomicInt n = store.atomicInt("stalled");
            n.set(1); // connected (Redis: a pooled connection, scripts loaded; ZooKeeper: the chroot made)
            stall(server, true);
            try {
                for (int attempt = 0; attempt < 3; attempt++) { // the first is sent on the open connection, later ones need a new one
                    long began = System.nanoTime();
                    assertThrows(StoreException.class, () -> step.accept(n));
                    took.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
                }
            } finally {
                stall(server, false);
            }
        }
        System.out.printf("%s %s on a stalled server, timeout %d ms: %s ms%n", engine, call, TIMEOUT_MILLIS, took);
        for (long millis : took) {
            assertTrue(millis <= TIMEOUT_MILLIS + MARGIN_MILLIS, engine + " " + call + " took " + took + " ms");
        }
    }

    private static void stall(StoreServer server, boolean stopped) throws Exception {
        if (server instanceof RedisServer redis) {
            redis.stall(stopped);
        } else {
            ((ZooKeeperProcess) server).stall(stopped);
        }
    }
}
