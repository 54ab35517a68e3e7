package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.math.BigInteger;
import java.util.List;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults of a real 3-server ZooKeeper ensemble under load ({@link UpdateLoad}: threads doing
 * {@code n += 1}): a server killed, the leader killed, two of three killed, a session expired.
 * Every acknowledged update is kept, none is applied twice, and every thread's updates succeed
 * again once a quorum is back. Each test restarts what it killed.
 */
@Timeout(120)
class ZooKeeperFaultTest {

    private static final int THREADS = 4;
    private static final BigInteger START = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.valueOf(50)); // crosses 2^63

    private static ZooKeeperEnsemble ensemble;

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.start();
    }

    @AfterAll
    static void stopEnsemble() {
        ensemble.close();
    }

    /** A store that gives up on a lost connection after 1 s, so that faults show quickly. */
    private static AtomicIntStore connect() {
        return AtomicIntStore.connect(ensemble.url() + "?timeout=1000");
    }

    @Test
    void theServerOfTheConnectionKilledLosesNothingAcknowledgedAndUpdatesKeepSucceeding() throws Exception {
        try (ZooKeeperEngine engine = ZooKeeperEngine.connect(StoreAddress.parse(ensemble.url() + "?timeout=1000"))) {
            RemoteAtomicInt n = AtomicIntStore.over(engine).atomicInt("kill-one");
            n.set(START);
            InstanceSpec connected = ensemble.serverOf(engine.curator().getZookeeperClient().getZooKeeper());
            UpdateLoad load = new UpdateLoad(n, THREADS);
            try (load) {
                Thread.sleep(300);
                ensemble.kill(connected); // the client moves to one of the other two, a quorum
                load.mark();
                load.awaitEveryThreadAcknowledged(20, 30);
                ensemble.restart(connected);
                ensemble.awaitLeader();
                load.mark();
                load.awaitEveryThreadAcknowledged(5, 30);
            }
            System.out.println("ZooKeeperFaultTest, one killed: " + load);
            load.assertNothingLostNothingDoubled(n.getBigInteger().subtract(START));
            assertTrue(load.inDoubt() <= THREADS, "more in doubt than one in-flight update per thread: " + load);
        }
    }

    @Test
    void theLeaderKilledLosesNothingAcknowledgedAndANewLeaderTakesTheUpdates() throws Exception {
        try (AtomicIntStore store = connect()) {
            RemoteAtomicInt n = store.atomicInt("kill-leader");
            n.set(START);
            InstanceSpec leader = ensemble.awaitLeader();
            UpdateLoad load = new UpdateLoad(n, THREADS);
            try (load) {
                Thread.sleep(300);
                ensemble.kill(leader);
                InstanceSpec newLeader = ensemble.awaitLeader();
                assertNotEquals(leader, newLeader);
                load.mark();
                load.awaitEveryThreadAcknowledged(5, 60);
                ensemble.restart(leader);
            }
            System.out.println("ZooKeeperFaultTest, leader killed: " + load);
            load.assertNothingLostNothingDoubled(n.getBigInteger().subtract(START));
        }
    }

    @Test
    void twoOfThreeKilledFailsClearlyCorruptsNothingAndRecovers() throws Exception {
        try (AtomicIntStore store = connect()) {
            RemoteAtomicInt n = store.atomicInt("kill-two");
            n.set(START);
            List<InstanceSpec> servers = ensemble.servers();
            UpdateLoad load = new UpdateLoad(n, THREADS);
            try (load) {
                Thread.sleep(300);
                ensemble.kill(servers.get(0));
                ensemble.kill(servers.get(1));
                long acknowledgedAtKill = load.acknowledged();
                Thread.sleep(3000); // no quorum: every update fails, none is acknowledged
                long refusedMeanwhile = load.refused() + load.inDoubt();
                assertTrue(load.acknowledged() - acknowledgedAtKill <= THREADS,
                        "updates acknowledged without a quorum (beyond those in flight at the kill): " + load);
                assertTrue(refusedMeanwhile > 0, "updates without a quorum did not fail: " + load);
                StoreException e = assertThrows(StoreException.class, n::get);
                assertTrue(e.getMessage().contains(ensemble.url()), "the error names the ensemble: " + e.getMessage());
                ensemble.restart(servers.get(0));
                ensemble.restart(servers.get(1));
                ensemble.awaitLeader();
                load.mark();
                load.awaitEveryThreadAcknowledged(5, 60);
            }
            System.out.println("ZooKeeperFaultTest, two killed: " + load);
            load.assertNothingLostNothingDoubled(n.getBigInteger().subtract(START));
        }
    }

    @Test
    void anExpiredSessionIsReplacedAndUpdatesGoOn() throws Exception {
        try (ZooKeeperEngine engine = ZooKeeperEngine.connect(StoreAddress.parse(ensemble.url() + "?timeout=1000"))) {
            RemoteAtomicInt n = AtomicIntStore.over(engine).atomicInt("expired-session");
            n.set(START);
            UpdateLoad load = new UpdateLoad(n, THREADS);
            try (load) {
                Thread.sleep(300);
                long session = engine.curator().getZookeeperClient().getZooKeeper().getSessionId();
                KillSession.kill(engine.curator().getZookeeperClient().getZooKeeper());
                load.mark();
                load.awaitEveryThreadAcknowledged(5, 30);
                assertNotEquals(session, engine.curator().getZookeeperClient().getZooKeeper().getSessionId(), "a new session");
            }
            System.out.println("ZooKeeperFaultTest, session expired: " + load);
            load.assertNothingLostNothingDoubled(n.getBigInteger().subtract(START));
            assertEquals(n.getBigInteger(), AtomicIntStore.over(engine).atomicInt("expired-session").getBigInteger());
        }
    }
}
