package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import dev.atomicint.AtomicIntStore;
import dev.atomicint.IntOp;
import dev.atomicint.RemoteAtomicInt;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What every engine's RemoteAtomicInt does: AtomicInt's semantics, exact across ±2^63, the value
 * stored as decimal text that other clients can read and write, something else never overwritten.
 * One subclass per engine supplies a store on a real server and a plain client's view of a key.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RemoteAtomicIntContract {

    static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final AtomicInteger KEYS = new AtomicInteger();

    private final Supplier<StoreServer> start;
    private StoreServer server;
    private AtomicIntStore store;

    RemoteAtomicIntContract(StoreServer.Kind kind) {
        this(kind::start);
    }

    /** On the server {@code start} starts (a Redis Cluster, which no test of every kind runs on). */
    RemoteAtomicIntContract(Supplier<StoreServer> start) {
        this.start = start;
    }

    /** Opens the plain client of {@link #storedText} on the freshly started server. */
    abstract void openPlainClient(StoreServer started) throws Exception;

    abstract void closePlainClient() throws Exception;

    @BeforeAll
    final void startServer() throws Exception {
        server = start.get();
        store = AtomicIntStore.connect(server.url());
        openPlainClient(server);
    }

    @AfterAll
    final void stopServer() throws Exception {
        closePlainClient();
        store.close();
        server.close();
    }

    /** The server under test, started for the whole class. */
    StoreServer server() {
        return server;
    }

    /** The store under test, open for the whole class. */
    AtomicIntStore store() {
        return store;
    }

    /** The text stored at {@code key}, read by a plain client of the engine; null when absent. */
    abstract String storedText(String key) throws Exception;

    /** Stores {@code text} at {@code key} with a plain client, as another program might. */
    abstract void storeText(String key, String text) throws Exception;

    /** An address of this engine where no server listens. */
    abstract String unreachableUrl() throws Exception;

    static String freshKey() {
        return "test:" + KEYS.incrementAndGet();
    }

    RemoteAtomicInt fresh() {
        return store().atomicInt(freshKey());
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void anAbsentKeyReadsAsZero() throws Exception {
        RemoteAtomicInt n = fresh();
        assertEquals(0, n.get());
        assertNull(storedText(n.name()));
    }

    @Test
    void theValueIsTheDecimalTextAtTheKey() throws Exception {
        RemoteAtomicInt n = fresh();
        n.set(TWO_63.pow(3).negate());
        assertEquals(TWO_63.pow(3).negate().toString(), storedText(n.name()));
        storeText(n.name(), "41");
        n.add(1);
        assertEquals(42, n.get());
    }

    @Test
    void addCrossesBothEndsOf64BitsExactly() {
        RemoteAtomicInt n = fresh();
        n.set(Long.MIN_VALUE);
        n.add(-1);
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), n.getBigInteger());
        n.add(2);
        assertEquals(Long.MIN_VALUE + 1, n.get());
    }

    @Test
    void everyOperationMatchesTheInProcessAtomicInt() {
        Random random = new Random(12);
        RemoteAtomicInt remote = fresh();
        AtomicInt local = new AtomicInt();
        for (int i = 0; i < 300; i++) {
            IntOp op = IntOp.values()[random.nextInt(IntOp.values().length)];
            BigInteger operand = switch (op) {
                case POW -> BigInteger.valueOf(random.nextInt(3));
                case LSHIFT, RSHIFT -> BigInteger.valueOf(random.nextInt(80));
                default -> new BigInteger(random.nextInt(100) + 1, random).subtract(BigInteger.ONE.shiftLeft(40));
            };
            if (local.getBigInteger().bitLength() > 500) {
                local.set(BigInteger.valueOf(random.nextLong()));
                remote.set(local.getBigInteger());
            }
            Class<?> localError = outcome(() -> local.applyBig(op, operand));
            Class<?> remoteError = outcome(() -> remote.applyBig(op, operand));
            assertEquals(localError, remoteError, op + " " + operand);
            assertEquals(local.getBigInteger(), remote.getBigInteger(), op + " " + operand);
        }
    }

    private static Class<?> outcome(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    @Test
    void aBadOperandThrowsAndChangesNothing() throws Exception {
        RemoteAtomicInt n = fresh();
        n.set(7);
        assertThrows(ArithmeticException.class, () -> n.apply(IntOp.FLOORDIV, 0));
        assertThrows(ArithmeticException.class, () -> n.apply(IntOp.LSHIFT, -1));
        assertThrows(ArithmeticException.class, () -> n.apply(IntOp.LSHIFT, 1L << 40));
        assertEquals("7", storedText(n.name()));
    }

    @Test
    void longTypedMethodsThrowWithoutChangingWhenTheirResultIsNoLong() {
        RemoteAtomicInt n = fresh();
        n.set(Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, n::incrementAndGet);
        assertEquals(Long.MAX_VALUE, n.get());
        assertEquals(Long.MAX_VALUE, n.getAndIncrement());
        assertEquals(TWO_63, n.getBigInteger());
        assertThrows(ArithmeticException.class, n::get);
    }

    @Test
    void compareAndSetTreatsAnAbsentKeyAsZero() {
        RemoteAtomicInt n = fresh();
        assertFalse(n.compareAndSet(1, 5));
        assertTrue(n.compareAndSet(0, 5));
        assertTrue(n.compareAndSet(BigInteger.valueOf(5), TWO_63));
        assertFalse(n.compareAndSet(5, 6));
        assertEquals(TWO_63, n.getBigInteger());
    }

    @Test
    void getAndSetReturnsThePreviousValue() {
        RemoteAtomicInt n = fresh();
        assertEquals(BigInteger.ZERO, n.getAndSet(TWO_63));
        assertEquals(TWO_63, n.getAndSet(BigInteger.TEN));
        assertEquals(10, n.getAndSet(3));
    }

    @Test
    void aKeyHoldingSomethingElseThrowsAndIsNeverOverwritten() throws Exception {
        RemoteAtomicInt n = fresh();
        for (String text : new String[] {"hello", "", "1.5", " 12"}) {
            storeText(n.name(), text);
            assertThrows(NotAnIntegerException.class, n::get, text);
            assertThrows(NotAnIntegerException.class, () -> n.add(1), text);
            assertThrows(NotAnIntegerException.class, () -> n.apply(IntOp.MUL, 2), text);
            assertThrows(NotAnIntegerException.class, () -> n.set(1), text);
            assertThrows(NotAnIntegerException.class, () -> n.compareAndSet(0, 1), text);
            assertEquals(text, storedText(n.name()));
        }
    }

    @Test
    void concurrentUpdatesFromManyThreadsAreExact() throws Exception {
        RemoteAtomicInt n = fresh();
        n.set(Long.MAX_VALUE - 200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (thread % 2 == 0) {
                            n.add(1); // the engine's one-step add where it has one, compare-and-set past 2^63
                        } else {
                            n.updateAndGetBig(v -> v.add(BigInteger.ONE));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE - 200).add(BigInteger.valueOf(800)), n.getBigInteger());
    }

    @Test
    void anUnreachableServerFailsAtConnectNamingTheAddress() throws Exception {
        String url = unreachableUrl();
        StoreException e = assertThrows(StoreException.class, () -> AtomicIntStore.connect(url));
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void anAddressOfNoKnownEngineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AtomicIntStore.connect("memcached://127.0.0.1:1"));
    }

    @Test
    void aClosedStoreThrowsStoreException() {
        AtomicIntStore closed = AtomicIntStore.connect(store().address());
        RemoteAtomicInt n = closed.atomicInt(freshKey());
        closed.close();
        assertThrows(StoreException.class, () -> n.add(1));
    }

    @Test
    void aRemoteAtomicIntIsNotSerializable() {
        RemoteAtomicInt n = fresh();
        assertThrows(NotSerializableException.class, () -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(n));
    }
}
