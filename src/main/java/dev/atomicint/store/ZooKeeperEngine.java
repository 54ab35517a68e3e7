package dev.atomicint.store;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.curator.CuratorConnectionLossException;
import org.apache.curator.RetryLoop;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.PathUtils;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/**
 * The {@link Engine} on a ZooKeeper ensemble ({@code zookeeper://[user:password@]host:port[,host:port...][/chroot][?timeout=ms]}),
 * through one Apache Curator client. Each name is one znode under the chroot ({@code /atomicint}
 * when none is given) holding the exact decimal integer; its version is the node's data version.
 *
 * <ul>
 *   <li>{@link #read}: {@code sync} then {@code getData}, so a read sees every update acknowledged
 *       before it began (linearizable; a plain {@code getData} may lag behind on a follower).
 *       {@link #readToUpdate} is the plain {@code getData}: the versioned write checks it.
 *   <li>{@link #compareAndExchange}: {@code setData} at the snapshot's version, or {@code create}
 *       when the node was absent; a conflict ({@code BadVersion}, {@code NodeExists}) answers the
 *       node's current snapshot. ZooKeeper commits each through its quorum before answering.
 *   <li>{@link #getAndSet}: read and compare-and-exchange until it lands, so that a node holding
 *       something else is never overwritten.
 * </ul>
 *
 * Nothing here is retried by Curator (its retry policy is "never"): an update whose answer was lost
 * throws {@link OutcomeUnknownException}; a step that could not be sent because no server answered
 * within the timeout throws {@link StoreException}. Curator reconnects, to any server of the
 * ensemble, and makes a new session after an expired one, so the next call works again.
 */
public final class ZooKeeperEngine implements Engine {

    private static final int SESSION_TIMEOUT_MILLIS = 10_000;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    /** The version of an absent node: never a real one, so the exchange creates the node. */
    private static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "absent";
        }
    };

    private final String address;
    private final CuratorFramework client;
    private final int timeoutMillis;

    private ZooKeeperEngine(String address, CuratorFramework client, int timeoutMillis) {
        this.address = address;
        this.client = client;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Connects to the ensemble at {@code address}, waiting at most its timeout for a server to
     * answer; an ensemble that cannot be reached throws {@link StoreException} naming it.
     */
    public static ZooKeeperEngine connect(StoreAddress address) {
        if (address.scheme() != StoreAddress.Scheme.ZOOKEEPER) {
            throw new IllegalArgumentException("not a zookeeper:// address: " + address);
        }
        String chroot = address.chroot();
        PathUtils.validatePath(chroot);
        int timeout = address.timeoutMillis();
        ZKClientConfig config = new ZKClientConfig();
        // a request unanswered after the timeout fails (a read: StoreException; an update: outcome unknown) and the client
        // drops that server's connection; without it a stalled server held each call for 2/3 of the session (6.7 s)
        config.setProperty(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, Integer.toString(timeout));
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder();
        if (address.user() != null) { // a digest identity: the nodes it creates are its own (CREATOR_ALL_ACL)
            builder.authorization("digest", (address.user() + ":" + address.password()).getBytes(StandardCharsets.UTF_8))
                    .aclProvider(new ACLProvider() {
                        @Override
                        public List<ACL> getDefaultAcl() {
                            return ZooDefs.Ids.CREATOR_ALL_ACL;
                        }

                        @Override
                        public List<ACL> getAclForPath(String path) {
                            return ZooDefs.Ids.CREATOR_ALL_ACL;
                        }
                    });
        }
        CuratorFramework client = builder
                .connectString(address.connectString())
                .namespace(chroot.substring(1))
                .connectionTimeoutMs(timeout) // also how long a call waits for a (re)connection before StoreException
                .sessionTimeoutMs(SESSION_TIMEOUT_MILLIS)
                .retryPolicy(new RetryNTimes(0, 0)) // never resend: a resent update could apply twice
                .ensembleTracker(false)
                .zkClientConfig(config)
                .build();
        String canonical = address.toString();
        client.start();
        try {
            if (!client.blockUntilConnected(timeout, TimeUnit.MILLISECONDS)) {
                throw new StoreException("cannot connect to " + canonical + ": no server of the ensemble answered within " + timeout + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new StoreException("interrupted while connecting to " + canonical, e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new ZooKeeperEngine(canonical, client, timeout);
    }

    @Override
    public Snapshot read(String key) {
        String path = path(key);
        return reading(key, () -> {
            RetryLoop.callWithRetry(client.getZookeeperClient(), () -> {
                client.getZookeeperClient().getZooKeeper().sync("/"); // the session's next read sees all committed before now
                return null;
            });
            return current(key, path);
        });
    }

    /** A plain {@code getData}: possibly behind the leader, which the versioned write then finds out. */
    @Override
    public Snapshot readToUpdate(String key) {
        String path = path(key);
        return reading(key, () -> current(key, path));
    }

    @Override
    public Snapshot compareAndExchange(String key, Snapshot expected, BigInteger newValue) {
        String path = path(key);
        byte[] data = data(newValue);
        try {
            awaitConnection();
            if (expected.version() == ABSENT) {
                client.create().creatingParentContainersIfNeeded().forPath(path, data);
            } else {
                client.setData().withVersion((Integer) expected.version()).forPath(path, data);
            }
            return null;
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException | KeeperException.NoNodeException conflict) {
            // read after our own answered request: it sees that state or a later one (ZooKeeper's per-session order)
            return reading(key, () -> current(key, path));
        } catch (KeeperException.NoAuthException e) {
            throw notAuthorized("compare-and-set of '" + key + "'", e);
        } catch (CuratorConnectionLossException e) {
            throw notSent("compare-and-set of '" + key + "'", e);
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException
                | KeeperException.OperationTimeoutException | KeeperException.RequestTimeoutException
                | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new OutcomeUnknownException("compare-and-set of '" + key + "' at " + address
                    + ": the connection failed before the answer came (" + e.getMessage()
                    + "); the update may or may not have been applied", e);
        } catch (Exception e) {
            throw failed("compare-and-set of '" + key + "'", e);
        }
    }

    /** 1: concurrent versioned writes to one node conflict, so a process's adds gather from the second on. */
    @Override
    public int addsInFlight() {
        return 1;
    }

    @Override
    public BigInteger getAndSet(String key, BigInteger newValue) {
        data(newValue); // too large: refused before anything is sent
        Snapshot s = readToUpdate(key); // the previous value is the one the successful exchange replaced
        for (;;) {
            Snapshot witness = compareAndExchange(key, s, newValue);
            if (witness == null) {
                return s.value();
            }
            s = witness;
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void close() {
        client.close();
    }

    /** The Curator client, for tests in this package that expire its session. */
    CuratorFramework curator() {
        return client;
    }

    @Override
    public String toString() {
        return "ZooKeeperEngine[" + address + "]";
    }

    /** The node's snapshot from a plain getData: absent reads as 0 at version ABSENT. */
    private Snapshot current(String key, String path) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return new Snapshot(BigInteger.ZERO, ABSENT);
        }
        String where = "the ZooKeeper node '" + key + "' at " + address;
        StoredText.checkLength(data == null ? 0 : data.length, where);
        String text = data == null ? "" : new String(data, StandardCharsets.US_ASCII);
        if (!INTEGER.matcher(text).matches()) {
            throw new NotAnIntegerException(where + " holds something other than a decimal integer; it was left unchanged");
        }
        return new Snapshot(StoredText.parse(text, where), stat.getVersion());
    }

    /** The node data of {@code value}: its decimal text, under 320 KB (IntOp.MAX_BIT_LENGTH), so within a node's 1 MB. */
    private static byte[] data(BigInteger value) {
        return value.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The node of {@code key} under the chroot (Curator's namespace): one node per name, so no '/' in names. */
    private static String path(String key) {
        if (key.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a ZooKeeper-stored AtomicInt name must not contain '/': " + key);
        }
        String path = "/" + key;
        PathUtils.validatePath(path);
        return path;
    }

    private interface Step {
        Snapshot run() throws Exception;
    }

    /** Runs a read: any failure surely changed nothing. */
    private Snapshot reading(String key, Step step) {
        try {
            awaitConnection();
            return step.run();
        } catch (StoreException | NotAnIntegerException | ArithmeticException e) {
            throw e;
        } catch (CuratorConnectionLossException e) {
            throw notSent("read of '" + key + "'", e);
        } catch (KeeperException.NoAuthException e) {
            throw notAuthorized("read of '" + key + "'", e);
        } catch (KeeperException e) {
            throw new StoreException("read of '" + key + "' failed at " + address + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw failed("read of '" + key + "'", e);
        }
    }

    /**
     * Waits at most the timeout for the session's connection, so that a call waits once: without a
     * connection Curator queues the request, which then waits a request timeout more.
     */
    private void awaitConnection() throws CuratorConnectionLossException {
        try {
            if (!client.getZookeeperClient().isConnected() && !client.blockUntilConnected(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new CuratorConnectionLossException(); // nothing was sent: each caller's StoreException says so
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a connection to " + address + "; nothing was sent", e);
        }
    }

    private StoreException notAuthorized(String what, Exception e) {
        return new StoreException(what + " refused by " + address + ": the node's ACL does not allow this identity"
                + " (zookeeper://user:password@... names the digest identity that created it); nothing changed", e);
    }

    private StoreException notSent(String what, Exception e) {
        return new StoreException(what + " not sent: no server of " + address + " answered within the timeout", e);
    }

    private StoreException failed(String what, Exception e) {
        if (client.getState() != CuratorFrameworkState.STARTED) {
            return new StoreException("the store " + address + " is closed", e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StoreException(what + " failed at " + address + ": " + e, e);
    }
}
