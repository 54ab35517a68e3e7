package dev.atomicint.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/**
 * A real 3-server ZooKeeper ensemble in this JVM (Curator's {@link TestingCluster}) on free
 * loopback ports, each server with its own data directory, deleted on close. Servers can be killed
 * (their client connections drop at once) and restarted on the same port and directory; {@link
 * #leader()} asks each server its role with the {@code srvr} command.
 */
public final class ZooKeeperEnsemble implements StoreServer {

    /** ZooKeeper's clock: sessions may last 2..20 ticks; 500 ms lets the engine's 10 s session stand. */
    private static final int TICK_MILLIS = 500;

    /**
     * Servers killed here die inside this JVM, and what they wrote stays in the OS page cache, so
     * fsyncing the transaction log would protect nothing the tests can observe; it only slows
     * every write on a busy disk (2 ms and more). Production ensembles keep ZooKeeper's default
     * (forceSync=yes), which is what makes an acknowledged write survive a power loss.
     */
    private static final Map<String, Object> NO_FSYNC = Map.of("forceSync", "no");

    private final TestingCluster cluster;

    private ZooKeeperEnsemble(TestingCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts three servers and waits until they have elected a leader. */
    public static ZooKeeperEnsemble start() {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            specs.add(new InstanceSpec(null, -1, -1, -1, true, id, TICK_MILLIS, 0, NO_FSYNC, "127.0.0.1"));
        }
        TestingCluster cluster = new TestingCluster(specs);
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(cluster);
        try {
            cluster.start();
            ensemble.awaitLeader();
        } catch (Exception e) {
            ensemble.close();
            throw new IllegalStateException("the ZooKeeper ensemble did not start", e);
        }
        return ensemble;
    }

    /** {@code zookeeper://<the three servers>/atomicint-test}. */
    @Override
    public String url() {
        return "zookeeper://" + connectString() + "/atomicint-test";
    }

    /** The three servers' {@code host:port}s, as a plain ZooKeeper client takes them. */
    public String connectString() {
        return cluster.getConnectString();
    }

    public List<InstanceSpec> servers() {
        return List.copyOf(cluster.getInstances());
    }

    /** The server a client is connected to. */
    public InstanceSpec serverOf(org.apache.zookeeper.ZooKeeper client) throws Exception {
        return cluster.findConnectionInstance(client);
    }

    /** Stops a server at once: its clients' connections drop and they move to another server. */
    public void kill(InstanceSpec server) throws Exception {
        cluster.killServer(server);
    }

    /** Starts a killed server again on its port and data directory. */
    public void restart(InstanceSpec server) throws Exception {
        cluster.restartServer(server);
    }

    /** The server that is leader now; waits up to 30 s for one to be elected. */
    public InstanceSpec awaitLeader() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            for (InstanceSpec server : cluster.getInstances()) {
                if (mode(server).equals("leader")) {
                    return server;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no leader was elected in " + cluster.getConnectString());
    }

    /** The server's role, from {@code srvr} ("leader", "follower"), or "" when it does not answer. */
    public static String mode(InstanceSpec server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring("Mode: ".length()).trim();
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
