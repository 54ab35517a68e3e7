package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * redis-server killed with SIGKILL mid-run and restarted on its append-only file ({@code appendfsync
 * always}): every acknowledged update is there, none is applied twice, the updates in doubt are
 * counted and bounded, and every client recovers on its own next calls.
 */
@Timeout(120)
class RedisKillTest {

    private static final int THREADS = 4;

    @Test
    void acknowledgedUpdatesSurviveSigkillAndInDoubtOnesAreBounded() throws Exception {
        try (RedisServer server = RedisServer.startDurable();
                AtomicIntStore store = AtomicIntStore.connect(server.url() + "?timeout=500")) {
            RemoteAtomicInt n = store.atomicInt("kill-test");
            BigInteger start = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.valueOf(300)); // crosses 2^63: INCRBY, then the script
            n.set(start);
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong inDoubt = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicBoolean restarted = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            long[] acknowledgedAfterRestart = new long[THREADS];
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int index = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        boolean after = restarted.get();
                        try {
                            n.add(1);
                            acknowledged.incrementAndGet();
                            if (after) {
                                acknowledgedAfterRestart[index]++;
                            }
                        } catch (OutcomeUnknownException e) {
                            inDoubt.incrementAndGet(); // sent, answer lost: applied or not, never retried
                        } catch (StoreException e) {
                            refused.incrementAndGet(); // surely not applied (the server was down)
                            pause();
                        }
                    }
                }));
            }
            Thread.sleep(500);
            long acknowledgedBeforeKill = acknowledged.get();
            server.kill();
            Thread.sleep(300);
            server.restart();
            restarted.set(true);
            Thread.sleep(700);
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            BigInteger applied = n.getBigInteger().subtract(start);
            String report = "acknowledged " + acknowledged + ", in doubt " + inDoubt + ", refused " + refused + ", applied " + applied;
            System.out.println("RedisKillTest: " + report);
            assertTrue(acknowledgedBeforeKill > 0, report);
            assertTrue(applied.compareTo(BigInteger.valueOf(acknowledged.get())) >= 0, "an acknowledged update was lost: " + report);
            assertTrue(applied.compareTo(BigInteger.valueOf(acknowledged.get() + inDoubt.get())) <= 0,
                    "an update was applied twice: " + report);
            assertTrue(inDoubt.get() <= 2L * THREADS, "in-doubt updates beyond one in flight and one stale connection per thread: " + report);
            for (int t = 0; t < THREADS; t++) {
                assertTrue(acknowledgedAfterRestart[t] > 0, "thread " + t + " never recovered: " + report);
            }
            assertEquals(n.getBigInteger(), new BigInteger(new redis.clients.jedis.Jedis("127.0.0.1", server.port()).get("kill-test")));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
