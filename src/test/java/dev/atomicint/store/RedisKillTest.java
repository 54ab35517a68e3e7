package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.math.BigInteger;
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
            UpdateLoad load = new UpdateLoad(n, THREADS);
            try (load) {
                Thread.sleep(500);
                assertTrue(load.acknowledged() > 0, load.toString());
                server.kill();
                Thread.sleep(300);
                server.restart();
                load.mark();
                load.awaitEveryThreadAcknowledged(1, 30);
            }
            System.out.println("RedisKillTest: " + load);
            load.assertNothingLostNothingDoubled(n.getBigInteger().subtract(start));
            assertTrue(load.inDoubt() <= 2L * THREADS, "in-doubt updates beyond one in flight and one stale connection per thread: " + load);
            assertEquals(n.getBigInteger(), new BigInteger(new redis.clients.jedis.Jedis("127.0.0.1", server.port()).get("kill-test")));
        }
    }
}
