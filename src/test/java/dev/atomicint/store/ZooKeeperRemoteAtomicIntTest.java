package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.IntOp;
import dev.atomicint.RemoteAtomicInt;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/** A RemoteAtomicInt on a real 3-server ZooKeeper ensemble started for this class: the contract, and the znode mapping. */
class ZooKeeperRemoteAtomicIntTest extends RemoteAtomicIntContract {

    private static final String CHROOT = "/atomicint-test";

    private ZooKeeperEnsemble ensemble;
    private CuratorFramework plain; // another client, as other programs see the node

    ZooKeeperRemoteAtomicIntTest() {
        super(StoreServer.Kind.ZOOKEEPER);
    }

    @Override
    void openPlainClient(StoreServer started) {
        ensemble = (ZooKeeperEnsemble) started;
        plain = CuratorFrameworkFactory.newClient(ensemble.connectString(), new RetryOneTime(100));
        plain.start();
    }

    @Override
    void closePlainClient() {
        plain.close();
    }

    /** The plain client, caught up with the leader (its server may be a follower that lags behind). */
    private CuratorFramework synced() throws Exception {
        plain.getZookeeperClient().getZooKeeper().sync("/");
        return plain;
    }

    @Override
    String storedText(String key) throws Exception {
        try {
            return new String(synced().getData().forPath(CHROOT + "/" + key), StandardCharsets.US_ASCII);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    @Override
    void storeText(String key, String text) throws Exception {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        if (plain.checkExists().forPath(CHROOT + "/" + key) == null) {
            plain.create().creatingParentsIfNeeded().forPath(CHROOT + "/" + key, data);
        } else {
            plain.setData().forPath(CHROOT + "/" + key, data);
        }
    }

    @Override
    String unreachableUrl() throws Exception {
        return "zookeeper://127.0.0.1:" + freePort() + ",127.0.0.1:" + freePort() + "/atomicint-test";
    }

    @Test
    void everyUpdateIsOneVersionedWriteOfTheNode() throws Exception {
        RemoteAtomicInt n = fresh();
        n.add(1); // creates the node: version 0
        n.add(5);
        n.apply(IntOp.MUL, 3);
        Stat stat = synced().checkExists().forPath(CHROOT + "/" + n.name());
        assertEquals(2, stat.getVersion(), "one setData per update: " + stat + " " + storedText(n.name()));
        assertEquals("18", storedText(n.name()));
    }

    @Test
    void aReadSeesEveryUpdateAcknowledgedBeforeItWhicheverServerAnswersIt() {
        List<InstanceSpec> servers = ensemble.servers();
        try (AtomicIntStore writer = AtomicIntStore.connect(onlyThrough(servers.get(0)));
                AtomicIntStore reader = AtomicIntStore.connect(onlyThrough(servers.get(1)))) {
            String key = freshKey();
            RemoteAtomicInt written = writer.atomicInt(key);
            RemoteAtomicInt read = reader.atomicInt(key);
            for (int i = 1; i <= 200; i++) {
                written.add(1);
                assertEquals(i, read.get(), "a read through another server missed an acknowledged update");
            }
        }
    }

    private String onlyThrough(InstanceSpec server) {
        return "zookeeper://127.0.0.1:" + server.getPort() + CHROOT;
    }

    @Test
    void theDefaultChrootIsAtomicint() throws Exception {
        String hosts = ensemble.url().substring(0, ensemble.url().lastIndexOf('/'));
        try (AtomicIntStore rooted = AtomicIntStore.connect(hosts)) {
            rooted.atomicInt("default-chroot").set(7);
            assertEquals("zookeeper://" + hosts.substring("zookeeper://".length()) + "/atomicint", rooted.address());
        }
        assertEquals("7", new String(synced().getData().forPath("/atomicint/default-chroot"), StandardCharsets.US_ASCII));
    }

    @Test
    void aNameThatIsNoSingleNodeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> store().atomicInt("a/b").add(1));
        assertThrows(IllegalArgumentException.class, () -> store().atomicInt("..").get());
    }

    @Test
    void aValuePastTheCapIsRefusedBeforeAnythingIsSentSoEveryNodeStaysUnderTheNodeLimit() throws Exception {
        RemoteAtomicInt n = fresh();
        n.set(5);
        BigInteger pastTheCap = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH);
        assertThrows(ArithmeticException.class, () -> n.set(pastTheCap));
        assertThrows(ArithmeticException.class, () -> n.addBig(pastTheCap));
        assertEquals("5", storedText(n.name()));
    }

    @Test
    void anUnknownParameterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AtomicIntStore.connect(ensemble.url() + "?retries=3"));
    }
}
