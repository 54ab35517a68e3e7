package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.IntOp;
import dev.atomicint.RemoteAtomicInt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code redis-cluster://}: each name on its slot's primary, followed through a slot migrated
 * while threads add (MOVED and ASK), within one connection budget over all the nodes. The
 * protocol itself on a cluster: {@link RedisClusterRemoteAtomicIntTest}.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterTest {

    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    private LocalRedisCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = LocalRedisCluster.start();
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        cluster.close();
    }

    @Test
    void eachNameLivesOnItsSlotsPrimaryAndNamesSpreadOverAllThree() {
        int[] perNode = new int[3];
        try (AtomicIntStore store = AtomicIntStore.connect(cluster.url())) {
            for (int i = 0; i < 30; i++) {
                String name = "spread:" + i;
                store.atomicInt(name).add(1000 + i);
                int owner = cluster.ownerOf(name);
                perNode[owner]++;
                try (Jedis node = cluster.client(owner)) {
                    assertEquals(Integer.toString(1000 + i), node.get(name), name + " on its slot's primary");
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(perNode[i] > 0, "no name on node " + i + ": " + java.util.Arrays.toString(perNode));
        }
    }

    @Test
    void aSlotMigratedWhileThreadsAddLosesAndDoublesNothing() throws Exception {
        // three names in one slot (one hash tag): a small value (INCRBY), one past 2^63 (the scripts), one made by the first add
        List<String> names = List.of("{moving}small", "{moving}big", "{moving}new");
        int slot = JedisClusterCRC16.getSlot(names.get(0));
        int from = cluster.ownerOf(names.get(0));
        int to = (from + 1) % 3;
        try (AtomicIntStore store = AtomicIntStore.connect(cluster.url())) {
            List<RemoteAtomicInt> counters = new ArrayList<>();
            List<BigInteger> starts = List.of(BigInteger.valueOf(7), TWO_63.add(BigInteger.valueOf(5)), BigInteger.ZERO);
            for (int i = 0; i < names.size(); i++) {
                RemoteAtomicInt n = store.atomicInt(names.get(i));
                if (starts.get(i).signum() != 0) {
                    n.set(starts.get(i));
                }
                counters.add(n);
            }
            List<UpdateLoad> loads = new ArrayList<>();
            for (RemoteAtomicInt n : counters) {
                loads.add(new UpdateLoad(n, 2));
            }
            try {
                for (UpdateLoad load : loads) {
                    load.awaitEveryThreadAcknowledged(20, 60);
                }
                long before = acknowledged(loads);
                int moved = cluster.migrate(slot, from, to, 300);
                long during = acknowledged(loads) - before;
                assertEquals(names.size(), moved, "every name was in the slot");
                for (UpdateLoad load : loads) {
                    load.mark();
                    load.awaitEveryThreadAcknowledged(20, 60); // every name keeps working on its new node
                }
                assertTrue(during > 0, "no add was acknowledged while the slot moved: the test saw no redirection");
            } finally {
                for (UpdateLoad load : loads) {
                    load.close();
                }
            }
            assertEquals(to, cluster.ownerOf(names.get(0)));
            for (int i = 0; i < names.size(); i++) {
                UpdateLoad load = loads.get(i);
                BigInteger applied = counters.get(i).getBigInteger().subtract(starts.get(i));
                System.out.printf("%s: %s, applied %s%n", names.get(i), load, applied);
                assertEquals(0, load.inDoubt() + load.refused(), names.get(i) + ": a redirection failed a call: " + load);
                assertEquals(BigInteger.valueOf(load.acknowledged()), applied, names.get(i) + ": lost or doubled: " + load);
                try (Jedis node = cluster.client(to)) {
                    assertEquals(counters.get(i).getBigInteger().toString(), node.get(names.get(i)), names.get(i) + " on the new primary");
                }
            }
        }
    }

    @Test
    void theCapAndTheProtocolHoldOnEveryNode() {
        String huge = "9".repeat(StoredText.MAX_LENGTH + 1);
        try (AtomicIntStore store = AtomicIntStore.connect(cluster.url())) {
            for (int i = 0; i < 3; i++) {
                String name = nameOn(i, "cap:");
                try (Jedis node = cluster.client(i)) {
                    node.set(name, huge);
                }
                RemoteAtomicInt n = store.atomicInt(name);
                assertThrows(ArithmeticException.class, n::getBigInteger, "a too long text on node " + i);
                assertThrows(ArithmeticException.class, () -> n.add(1));
                assertThrows(ArithmeticException.class, () -> n.compareAndSet(0, 1));
                try (Jedis node = cluster.client(i)) {
                    assertEquals(huge, node.get(name), "left as it was on node " + i);
                }
                RemoteAtomicInt m = store.atomicInt(nameOn(i, "protocol:"));
                m.add(Long.MAX_VALUE);
                m.add(1); // past INCRBY's range: the compare-and-set script on this node
                assertEquals(TWO_63, m.getBigInteger());
                m.apply(IntOp.MUL, 2);
                assertTrue(m.compareAndSet(TWO_63.shiftLeft(1), BigInteger.valueOf(-3)));
                assertEquals(BigInteger.valueOf(-3), m.getBigInteger());
            }
        }
    }

    @Test
    void allNodesShareOneConnectionBudget() throws Exception {
        List<String> names = List.of(nameOn(0, "budget:"), nameOn(1, "budget:"), nameOn(2, "budget:"));
        try (Engine engine = Engines.open(StoreAddress.parse(cluster.url() + "?timeout=10000"), 2)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong added = new AtomicLong();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = startAdders(engine, 6, (thread, i) -> stop.get() ? null : names.get((thread + i) % names.size()),
                    added, failures);
            while (added.get() < 300 && failures.isEmpty()) {
                Thread.sleep(10);
            }
            // every node holds writes for 1.5 s: the threads' calls wait on their connections, so the set of connections stands still
            for (int i = 0; i < 3; i++) {
                try (Jedis node = cluster.client(i)) {
                    node.sendCommand(Protocol.Command.CLIENT, "PAUSE", "1500", "WRITE");
                }
            }
            Thread.sleep(700);
            int open = clients();
            Thread.sleep(1000);
            stop.set(true);
            joinAll(threads);
            assertEquals(List.of(), failures, "every call got a connection within its timeout");
            assertEquals(added.get(), total(engine, names), "every add landed once");
            assertTrue(open >= 1 && open <= 2, "connections open over the 3 nodes while 6 threads call: " + open + " (the budget is 2)");
        }
    }

    @Test
    void aCallWaitingForItsNodesConnectionIsServedWhenAnotherNodesCallTakesTheBudget() throws Exception {
        // budget 1 over 3 nodes, two threads per node: a call to one node closes the idle connection
        // of another while that node's other thread waits for it; no call may wait out its timeout
        List<String> names = List.of(nameOn(0, "turns:"), nameOn(1, "turns:"), nameOn(2, "turns:"));
        int threadsCount = 6;
        int addsEach = 300;
        try (Engine engine = Engines.open(StoreAddress.parse(cluster.url() + "?timeout=3000"), 1)) {
            AtomicLong added = new AtomicLong();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            joinAll(startAdders(engine, threadsCount, (thread, i) -> i < addsEach ? names.get(thread % names.size()) : null,
                    added, failures));
            assertEquals(List.of(), failures, "a call waited out its timeout for a connection");
            assertEquals((long) threadsCount * addsEach, added.get());
            assertEquals(added.get(), total(engine, names), "every add landed once");
        }
    }

    @Test
    void aRedisAddressOfAClusterNodeSaysToUseRedisCluster() {
        int owner = cluster.ownerOf("elsewhere");
        int other = (owner + 1) % 3;
        try (AtomicIntStore store = AtomicIntStore.connect("redis://127.0.0.1:" + cluster.nodes().get(other).port() + "/0")) {
            StoreException e = assertThrows(StoreException.class, () -> store.atomicInt("elsewhere").add(1));
            assertTrue(e.getMessage().contains("redis-cluster://") && e.getMessage().contains("nothing was applied"), e.getMessage());
        }
    }

    /** What names a thread's adds go to: its index and its add's number give a name, or null when it is done. */
    private interface AddPlan {
        String nameFor(int thread, int add);
    }

    /**
     * Starts {@code count} threads that add 1 to the names {@code plan} gives them, counting each add
     * in {@code added}; a thread that fails ends there, its failure in {@code failures}.
     */
    private static List<Thread> startAdders(Engine engine, int count, AddPlan plan, AtomicLong added, List<Throwable> failures) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    int add = 0;
                    for (String name = plan.nameFor(thread, add); name != null; name = plan.nameFor(thread, ++add)) {
                        assertNotNull(engine.tryAdd(name, 1), "INCRBY refused");
                        added.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        return threads;
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** The sum of the names' values. */
    private static long total(Engine engine, List<String> names) {
        long total = 0;
        for (String name : names) {
            total += engine.read(name).value().longValueExact();
        }
        return total;
    }

    /** A name with {@code prefix} that lives on node {@code node}. */
    private String nameOn(int node, String prefix) {
        for (int i = 0; ; i++) {
            if (cluster.ownerOf(prefix + i) == node) {
                return prefix + i;
            }
        }
    }

    /** The atomicint connections open on all the nodes now (CLIENT LIST, by the name the engine gives them). */
    private int clients() {
        int count = 0;
        for (int i = 0; i < 3; i++) {
            try (Jedis node = cluster.client(i)) {
                for (String line : node.clientList().split("\n")) {
                    if (line.contains(" name=atomicint ")) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static long acknowledged(List<UpdateLoad> loads) {
        return loads.stream().mapToLong(UpdateLoad::acknowledged).sum();
    }
}
