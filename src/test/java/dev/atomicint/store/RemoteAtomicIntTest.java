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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/** A RemoteAtomicInt on a real redis-server started for this class: the Redis mapping and AtomicInt's semantics. */
@Timeout(60)
class RemoteAtomicIntTest {

    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final AtomicInteger KEYS = new AtomicInteger();

    private static RedisServer server;
    private static AtomicIntStore store;
    private static Jedis plain; // another client, as other programs see the key

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
        store = AtomicIntStore.connect(server.url());
        plain = new Jedis("127.0.0.1", server.port());
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        plain.close();
        store.close();
        server.close();
    }

    private static String freshKey() {
        return "test:" + KEYS.incrementAndGet();
    }

    private static RemoteAtomicInt fresh() {
        return store.atomicInt(freshKey());
    }

    @Test
    void anAbsentKeyReadsAsZero() {
        RemoteAtomicInt n = fresh();
        assertEquals(0, n.get());
        assertNull(plain.get(n.name()));
    }

    @Test
    void theValueIsTheDecimalTextAtTheKey() {
        RemoteAtomicInt n = fresh();
        n.set(TWO_63.pow(3).negate());
        assertEquals(TWO_63.pow(3).negate().toString(), plain.get(n.name()));
        plain.set(n.name(), "41");
        n.add(1);
        assertEquals(42, n.get());
    }

    @Test
    void otherClientsIncrbyKeepsWorkingWhileTheValueFits64Bits() {
        RemoteAtomicInt n = fresh();
        n.add(Long.MAX_VALUE);
        n.add(1); // 2^63: past INCRBY's range, written by compare-and-set
        assertEquals(TWO_63.toString(), plain.get(n.name()));
        n.add(-1);
        assertEquals(Long.MAX_VALUE - 10, plain.incrBy(n.name(), -10));
        assertEquals(Long.MAX_VALUE - 10, n.get());
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
    void aBadOperandThrowsAndChangesNothing() {
        RemoteAtomicInt n = fresh();
        n.set(7);
        assertThrows(ArithmeticException.class, () -> n.apply(IntOp.FLOORDIV, 0));
        assertThrows(ArithmeticException.class, () -> n.apply(IntOp.LSHIFT, -1));
        assertThrows(ArithmeticException.class, () -> n.apply(IntOp.LSHIFT, 1L << 40));
        assertEquals("7", plain.get(n.name()));
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
    void aKeyHoldingSomethingElseThrowsAndIsNeverOverwritten() {
        RemoteAtomicInt n = fresh();
        for (String text : new String[] {"hello", "", "1.5", " 12"}) {
            plain.set(n.name(), text);
            assertThrows(NotAnIntegerException.class, n::get, text);
            assertThrows(NotAnIntegerException.class, () -> n.add(1), text);
            assertThrows(NotAnIntegerException.class, () -> n.apply(IntOp.MUL, 2), text);
            assertThrows(NotAnIntegerException.class, () -> n.set(1), text);
            assertThrows(NotAnIntegerException.class, () -> n.compareAndSet(0, 1), text);
            assertEquals(text, plain.get(n.name()));
        }
    }

    @Test
    void aKeyOfAnotherTypeThrowsAndIsLeftAlone() {
        RemoteAtomicInt n = fresh();
        plain.rpush(n.name(), "x");
        assertThrows(StoreException.class, n::get);
        assertThrows(RuntimeException.class, () -> n.add(1));
        assertEquals(List.of("x"), plain.lrange(n.name(), 0, -1));
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
                            n.add(1); // INCRBY until 2^63, compare-and-set after
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
    void aRefusedConnectionFailsAtConnectNamingTheAddress() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "redis://127.0.0.1:" + port + "/0";
        StoreException e = assertThrows(StoreException.class, () -> AtomicIntStore.connect(url));
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void anAddressOfNoKnownEngineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AtomicIntStore.connect("memcached://127.0.0.1:1"));
    }

    @Test
    void anUpdateWhoseAnswerTimesOutHasAnUnknownOutcomeAndTheNextCallReconnects() throws Exception {
        try (AtomicIntStore impatient = AtomicIntStore.connect(server.url() + "?timeout=200")) {
            RemoteAtomicInt n = impatient.atomicInt(freshKey());
            n.set(1);
            plain.clientPause(1000); // the server holds every client's commands for 1 s
            assertThrows(OutcomeUnknownException.class, () -> n.add(1));
            Thread.sleep(1000);
            long after = n.get(); // the next call works again, on a fresh connection
            assertTrue(after == 1 || after == 2, "applied at most once: " + after);
            n.add(1);
            assertEquals(after + 1, n.get());
        }
    }

    @Test
    void aRemoteAtomicIntIsNotSerializable() {
        RemoteAtomicInt n = fresh();
        assertThrows(NotSerializableException.class, () -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(n));
    }
}
