package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code redis-sentinel://}: 1 primary, 2 replicas and 3 sentinels on loopback; the primary is
 * SIGKILLed while 4 threads add, the sentinels promote the replica, and the engine follows. A
 * ledger of the adds acknowledged, refused and in doubt against the final value states what was
 * lost: nothing is ever doubled; with {@code acks=1} ({@code WAIT 1}) nothing acknowledged is
 * lost; without, replication is asynchronous and the last acknowledged adds may be (the count is
 * printed and documented, not bounded).
 */
@Timeout(240)
class RedisSentinelTest {

    private static final int THREADS = 4;

    @ParameterizedTest(name = "acks={0}")
    @ValueSource(ints = {0, 1})
    void updatesFollowAFailoverAndNothingIsDoubled(int acks) throws Exception {
        List<RedisServer> servers = new ArrayList<>();
        try {
            RedisServer primary = RedisServer.start();
            servers.add(primary);
            servers.add(RedisServer.startReplicaOf(primary)); // two: after the failover one is left to acknowledge (acks=1)
            servers.add(RedisServer.startReplicaOf(primary));
            List<String> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RedisServer sentinel = RedisServer.startSentinel(primary, "mymaster", 2);
                servers.add(sentinel);
                sentinels.add("127.0.0.1:" + sentinel.port());
            }
            String url = "redis-sentinel://" + String.join(",", sentinels) + "/mymaster/0?timeout=1000&acks=" + acks;
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong inDoubt = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong acknowledgedAfterKill = new AtomicLong();
            awaitReplicaInSync(primary);
            try (AtomicIntStore store = AtomicIntStore.connect(url)) {
                RemoteAtomicInt n = store.atomicInt("ledger");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                boolean[] killed = {false};
                List<Thread> adders = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Thread adder = new Thread(() -> {
                        while (System.nanoTime() < deadline && acknowledgedAfterKill.get() < 2000) {
                            try {
                                n.add(1); // acks=1 waits for a replica: after the failover, the one left
                                acknowledged.incrementAndGet();
                                if (killed[0]) {
                                    acknowledgedAfterKill.incrementAndGet();
                                }
                            } catch (OutcomeUnknownException e) {
                                inDoubt.incrementAndGet();
                            } catch (StoreException e) {
                                refused.incrementAndGet();
                                sleep(20);
                            }
                        }
                    });
                    adder.start();
                    adders.add(adder);
                }
                Thread.sleep(1500);
                primary.kill();
                killed[0] = true;
                for (Thread adder : adders) {
                    adder.join();
                }
                long finalValue = readWhenAvailable(n);
                long lost = Math.max(0, acknowledged.get() - finalValue);
                long doubled = Math.max(0, finalValue - acknowledged.get() - inDoubt.get());
                System.out.printf("sentinel failover, acks=%d: acknowledged %d (%d after the kill), in doubt %d, refused %d, final %d:"
                        + " lost %d, doubled %d%n", acks, acknowledged.get(), acknowledgedAfterKill.get(), inDoubt.get(), refused.get(),
                        finalValue, lost, doubled);
                assertTrue(acknowledgedAfterKill.get() > 0, "no add was acknowledged after the failover");
                assertEquals(0, doubled, "adds were applied twice");
                if (acks > 0) {
                    assertEquals(0, lost, "acknowledged adds were lost although each waited for a replica");
                }
            }
        } finally {
            for (RedisServer server : servers) {
                server.close();
            }
        }
    }

    /** Waits until the replica has caught up (WAIT on the primary), so that the run starts replicated. */
    private static void awaitReplicaInSync(RedisServer primary) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", primary.port())) {
            while (jedis.waitReplicas(2, 1000) < 2) {
                assertTrue(System.nanoTime() < deadline, "the replica never synchronised");
                Thread.sleep(100);
            }
        }
    }

    private static long readWhenAvailable(RemoteAtomicInt n) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return n.get();
            } catch (StoreException e) {
                if (attempt > 200) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
