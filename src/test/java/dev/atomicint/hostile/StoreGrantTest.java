package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.python.AtomicIntPython;
import dev.atomicint.python.StoreAccess;
import dev.atomicint.store.LocalRedisCluster;
import dev.atomicint.store.RedisServer;
import dev.atomicint.store.StoreAddress;
import dev.atomicint.store.StoreServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * Guest Python opens a store only where its context's {@link StoreAccess} grants it, confined to
 * the grant, and everything it opens is bounded and goes with its context (issue #19): a local
 * listener shows what was sent, thread and socket counts what was left, a silent peer and a value
 * far over the cap what {@code close(true)} and a read cost.
 */
@Timeout(300)
class StoreGrantTest {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @ParameterizedTest
    @EnumSource(GuestSetUp.class)
    void withNothingGrantedConnectRaisesPermissionErrorNamingTheGrantAndSendsNothing(GuestSetUp setUp) throws Exception {
        try (SilentPeer peer = new SilentPeer(); Context context = setUp.context(StoreAccess.NONE)) {
            String outcomes = context.eval("python", """
                    import atomicint
                    outcomes = []
                    for url in ("redis://u:SECRET@127.0.0.1:%d/7", "zookeeper://127.0.0.1:%d/otherapp", "%s"):
                        try:
                            atomicint.connect(url)
                            outcomes.append("opened " + url)
                        except PermissionError as e:
                            outcomes.append("refused" if "StoreAccess" in str(e) else "refused without naming the grant: " + str(e))
                    ", ".join(outcomes)
                    """.formatted(peer.port(), peer.port(), redis.url())).asString();
            assertEquals("refused, refused, refused", outcomes);
            Thread.sleep(200);
            assertEquals(0, peer.accepted(), "a connection was made without a grant");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestSetUp.class)
    void aGrantedStoreConfinesTheGuestToItsAddressAndItsNamePrefix(GuestSetUp setUp) throws Exception {
        StoreAccess tenantA = StoreAccess.newBuilder().allowStore(redis.url(), "tenant-a:").build();
        String key = "balance:" + setUp;
        try (SilentPeer peer = new SilentPeer(); AtomicIntStore host = AtomicIntStore.connect(redis.url())) {
            host.atomicInt(key).set(100);
            try (Context context = setUp.context(tenantA)) {
                String refused = context.eval("python", """
                        import atomicint
                        refused = []
                        for url in ("redis://127.0.0.1:%d/0", "%s", "redis://localhost:%d/0"):
                            try:
                                atomicint.connect(url).close()
                            except PermissionError:
                                refused.append(url)
                        len(refused)
                        """.formatted(peer.port(), redis.url().replace("/0", "/3"), redis.port())).toString();
                assertEquals("3", refused, "another port, database or host name was granted");
                long seen = context.eval("python", """
                        with atomicint.connect("%s") as store:
                            n = store.atomic_int("%s")
                            n += 5
                            seen = n.get()
                        seen
                        """.formatted(redis.url(), key)).asLong();
                assertEquals(5, seen, "the guest's name reached the key outside its prefix");
            }
            assertEquals(100, host.atomicInt(key).get(), "the key outside the prefix changed");
            assertEquals(5, host.atomicInt("tenant-a:" + key).get());
            assertEquals(0, peer.accepted());
        }
    }

    @ParameterizedTest
    @EnumSource(GuestSetUp.class)
    void aGrantedClusterConfinesTheGuestToItsPrefixOnEveryNodeAndToTheClusterAsNamed(GuestSetUp setUp) throws Exception {
        try (LocalRedisCluster cluster = LocalRedisCluster.start(); AtomicIntStore host = AtomicIntStore.connect(cluster.url())) {
            StoreAccess tenant = StoreAccess.newBuilder().allowStore(cluster.url(), "tenant-c:").maxConnectionsPerStore(2).build();
            List<String> names = List.of("a", "b", "c", "d", "e", "f", "{x}g");
            Set<Integer> nodes = new HashSet<>();
            for (String name : names) {
                host.atomicInt(name).set(100);
                nodes.add(cluster.ownerOf("tenant-c:" + name));
            }
            assertEquals(3, nodes.size(), "the guest's names do not reach every node: the test shows nothing");
            try (Context context = setUp.context(tenant)) {
                String outcome = context.eval("python", """
                        import atomicint, threading
                        refused = 0
                        for url in ("redis://127.0.0.1:%d/0", "%s"):
                            try:
                                atomicint.connect(url).close()
                            except PermissionError:
                                refused += 1
                        with atomicint.connect("%s?timeout=30000") as store:  # 14 threads share 2 connections on a loaded machine
                            def add(name):
                                n = store.atomic_int(name)
                                for _ in range(20):
                                    n += 1
                            threads = [threading.Thread(target=add, args=(name,)) for name in %s for _ in range(2)]
                            for t in threads: t.start()
                            for t in threads: t.join()
                            seen = [store.atomic_int(name).get() for name in %s]
                        f"{refused} {seen}"
                        """.formatted(cluster.nodes().get(0).port(), reordered(cluster.url()), cluster.url(),
                        pythonList(names), pythonList(names))).asString();
                assertEquals("2 [40, 40, 40, 40, 40, 40, 40]", outcome, "a node alone or another seed order was granted, or adds were lost");
            }
            for (String name : names) {
                assertEquals(100, host.atomicInt(name).get(), "the key outside the prefix changed");
                assertEquals(40, host.atomicInt("tenant-c:" + name).get());
            }
        }
    }

    /** The cluster's address with its first two seeds swapped: the same nodes, another grant. */
    private static String reordered(String url) {
        String[] seeds = url.substring("redis-cluster://".length()).split(",");
        return "redis-cluster://" + seeds[1] + "," + seeds[0] + "," + seeds[2];
    }

    private static String pythonList(List<String> names) {
        return "[" + String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList()) + "]";
    }

    @Test
    void credentialsWithControlCharactersAreRefusedBeforeAnythingIsSent() throws Exception {
        try (SilentPeer peer = new SilentPeer()) {
            String injected = "redis://u:x%0D%0Aflushall%0D%0A@127.0.0.1:" + peer.port() + "/0";
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AtomicIntStore.connect(injected));
            assertTrue(refused.getMessage().contains("control character"), refused.getMessage());
            assertFalse(refused.getMessage().contains("flushall"), "the message shows the credentials: " + refused.getMessage());
            try (Context context = GuestSetUp.SANDBOX.context(StoreAccess.ALL)) {
                String raised = context.eval("python", """
                        import atomicint
                        try:
                            atomicint.connect("%s")
                            raised = "nothing"
                        except ValueError as e:
                            raised = "ValueError"
                        raised
                        """.formatted(injected)).asString();
                assertEquals("ValueError", raised);
            }
            Thread.sleep(200);
            assertEquals(0, peer.accepted());
        }
    }

    @Test
    void aGuestNamesNoFileInAnAddressEvenWithEveryStoreGranted() throws Exception {
        try (SilentPeer peer = new SilentPeer(); Context context = GuestSetUp.SANDBOX.context(StoreAccess.ALL)) {
            String raised = context.eval("python", """
                    import atomicint
                    try:
                        atomicint.connect("rediss://127.0.0.1:%d/0?ca=/etc/passwd")
                        raised = "nothing"
                    except PermissionError:
                        raised = "PermissionError"
                    raised
                    """.formatted(peer.port())).asString();
            assertEquals("PermissionError", raised);
            Thread.sleep(200);
            assertEquals(0, peer.accepted());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreServer.Kind.class)
    void whatAGuestOpensIsBoundedAndGoneSoonAfterCloseTrue(StoreServer.Kind kind) throws Exception {
        try (StoreServer server = kind.start()) {
            GuestSetUp.HOST.context(StoreAccess.NONE).close(); // GraalPy's own threads and files, before counting
            int threadsBefore = storeThreads();
            int socketsBefore = sockets(server);
            StoreAccess grant = StoreAccess.newBuilder().allowStore(server.url()).maxOpenStores(4).build();
            Context context = GuestSetUp.HOST.context(grant);
            String fifth = context.eval("python", """
                    import atomicint, threading
                    stores = [atomicint.connect("%s") for _ in range(4)]
                    try:
                        atomicint.connect("%s")
                        fifth = "opened"
                    except PermissionError:
                        fifth = "refused"
                    def count(n):
                        while True:
                            n += 1
                    for i, store in enumerate(stores):
                        for _ in range(3):
                            threading.Thread(target=count, args=(store.atomic_int("busy"),), daemon=True).start()
                    fifth
                    """.formatted(server.url(), server.url())).asString();
            assertEquals("refused", fifth, "a fifth store was opened past maxOpenStores(4)");
            Thread.sleep(1000);
            int threadsWhileOpen = storeThreads();
            int socketsWhileOpen = sockets(server);
            long began = System.nanoTime();
            context.close(true);
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((storeThreads() > threadsBefore || sockets(server) > socketsBefore) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long goneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            System.out.printf("%s: store threads %d -> %d -> %d, sockets %d -> %d -> %d; close(true) %d ms, all gone after %d ms%n",
                    kind, threadsBefore, threadsWhileOpen, storeThreads(), socketsBefore, socketsWhileOpen, sockets(server), closeMillis, goneMillis);
            assertTrue(socketsWhileOpen > socketsBefore, "the guest's stores opened no socket: the test measures nothing");
            assertTrue(storeThreads() <= threadsBefore, "store threads left after close(true): " + storeThreads() + " > " + threadsBefore);
            assertTrue(sockets(server) <= socketsBefore, "sockets left after close(true): " + sockets(server) + " > " + socketsBefore);
            assertTrue(closeMillis < 10_000, "close(true) took " + closeMillis + " ms");
        }
    }

    @ParameterizedTest
    @EnumSource(GuestSetUp.class)
    void closeClosesEveryStoreTheGuestOpenedAtOnce(GuestSetUp setUp) throws Exception {
        Context context = setUp.context(StoreAccess.newBuilder().allowStore(redis.url()).build());
        context.eval("python", """
                import atomicint
                kept = [atomicint.connect("%s") for _ in range(3)]
                for store in kept:
                    store.atomic_int("close-test").increment_and_get()
                """.formatted(redis.url()));
        assertTrue(sockets(redis) >= 3, "the guest's stores hold no connection: the test measures nothing");
        context.close();
        assertEquals(0, sockets(redis), "connections left open right after close()");
    }

    @ParameterizedTest
    @EnumSource(GuestSetUp.class)
    void aStoreTheHostHandsInNeedsNoGrantAndStaysTheHosts(GuestSetUp setUp) {
        try (AtomicIntStore host = AtomicIntStore.connect(redis.url()); Context context = setUp.context(StoreAccess.NONE)) {
            host.atomicInt("handed-in:" + setUp).set(41);
            context.getBindings("python").putMember("store", AtomicIntPython.toPython(context, host));
            long seen = context.eval("python", """
                    n = store.atomic_int("handed-in:%s")
                    n += 1
                    store.close()  # the host's store: closes nothing
                    n.get()
                    """.formatted(setUp)).asLong();
            assertEquals(42, seen);
            assertEquals(42, host.atomicInt("handed-in:" + setUp).get(), "the guest's close() closed the host's store");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreServer.Kind.class)
    void closeTrueEndsACallStalledOnASilentPeerAtOnce(StoreServer.Kind kind) throws Exception {
        try (SilentPeer peer = new SilentPeer()) {
            String url = (kind == StoreServer.Kind.REDIS ? "redis://127.0.0.1:%d/0" : "zookeeper://127.0.0.1:%d/app")
                    .formatted(peer.port()) + "?timeout=60000";
            Context context = GuestSetUp.SANDBOX.context(StoreAccess.newBuilder().allowStore(url).build());
            context.eval("python", "import atomicint");
            Thread guest = new Thread(() -> {
                try {
                    context.eval("python", "atomicint.connect('" + url + "')");
                } catch (RuntimeException cancelled) {
                    // the cancellation ends it
                }
            });
            guest.start();
            assertTrue(peer.awaitConnection(60), "the guest's connect never reached the peer");
            Thread.sleep(300);
            long began = System.nanoTime();
            context.close(true);
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            guest.join(10_000);
            System.out.printf("%s: close(true) during a call stalled on a silent peer: %d ms%n", kind, closeMillis);
            assertFalse(guest.isAlive());
            assertTrue(closeMillis < 5_000, "close(true) took " + closeMillis + " ms (the call's timeout is 60 s)");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreServer.Kind.class)
    void aValueFarOverTheCapWrittenByAnotherClientRaisesOverflowErrorAndStaysAsItIs(StoreServer.Kind kind) throws Exception {
        String huge = "9".repeat(1_000_000);
        try (StoreServer server = kind.start()) {
            writeRaw(kind, server, "huge", huge);
            try (Context context = GuestSetUp.HOST.context(StoreAccess.newBuilder().allowStore(server.url()).build())) {
                String outcome = context.eval("python", """
                        import atomicint, time
                        n = atomicint.connect("%s").atomic_int("huge")
                        outcomes = []
                        began = time.monotonic()
                        for attempt in (n.get, lambda: n.__iadd__(1), lambda: n.compare_and_set(0, 1)):
                            try:
                                attempt()
                                outcomes.append("no error")
                            except OverflowError:
                                outcomes.append("OverflowError")
                        f"{', '.join(outcomes)} in {time.monotonic() - began:.2f} s"
                        """.formatted(server.url())).asString();
                System.out.println(kind + ": " + outcome);
                assertTrue(outcome.startsWith("OverflowError, OverflowError, OverflowError in "), outcome);
                double seconds = Double.parseDouble(outcome.replaceAll(".* in ([0-9.]+) s", "$1"));
                assertTrue(seconds < 10, outcome);
            }
            assertEquals(huge, readRaw(kind, server, "huge"), "the stored value changed");
        }
    }

    private static void writeRaw(StoreServer.Kind kind, StoreServer server, String key, String text) throws Exception {
        if (kind == StoreServer.Kind.REDIS) {
            try (Jedis jedis = new Jedis("127.0.0.1", ((RedisServer) server).port())) {
                jedis.set(key, text);
            }
        } else {
            try (CuratorFramework client = curator(server)) {
                client.create().creatingParentsIfNeeded().forPath(node(server, key), text.getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static String readRaw(StoreServer.Kind kind, StoreServer server, String key) throws Exception {
        if (kind == StoreServer.Kind.REDIS) {
            try (Jedis jedis = new Jedis("127.0.0.1", ((RedisServer) server).port())) {
                return jedis.get(key);
            }
        }
        try (CuratorFramework client = curator(server)) {
            return new String(client.getData().forPath(node(server, key)), StandardCharsets.US_ASCII);
        }
    }

    /** The node of {@code key} under the chroot of the ensemble's address. */
    private static String node(StoreServer server, String key) {
        return StoreAddress.parse(server.url()).chroot() + "/" + key;
    }

    private static CuratorFramework curator(StoreServer server) throws InterruptedException {
        String hosts = StoreAddress.parse(server.url()).connectString();
        CuratorFramework client = CuratorFrameworkFactory.newClient(hosts, new RetryNTimes(3, 100));
        client.start();
        client.blockUntilConnected(30, TimeUnit.SECONDS);
        return client;
    }

    /** Threads a store client runs: ZooKeeper's and Curator's, and atomicint's reaper. */
    private static int storeThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.contains("SendThread") || name.contains("EventThread") || name.startsWith("Curator-")
                        || name.equals("atomicint-store-reaper"))
                .count();
    }

    /**
     * Client sockets of this JVM connected to {@code server}'s ports: the descriptors under
     * /proc/self/fd whose TCP connection (/proc/net/tcp, tcp6) has one of them as its remote port
     * (the in-process ZooKeeper servers' own sockets have it as their local port).
     */
    private static int sockets(StoreServer server) throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (StoreAddress.Endpoint endpoint : StoreAddress.parse(server.url()).endpoints()) {
            ports.add(endpoint.port());
        }
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] fields = line.trim().split("\\s+");
                String remote = fields[2];
                int remotePort = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
                if (ports.contains(remotePort)) {
                    inodes.add(fields[9]);
                }
            }
        }
        int count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        count++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor closed while listed
                }
            }
        }
        return count;
    }
}
