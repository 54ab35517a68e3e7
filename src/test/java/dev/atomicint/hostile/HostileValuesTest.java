package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import dev.atomicint.AtomicIntProxy;
import dev.atomicint.AtomicIntStore;
import dev.atomicint.IntOp;
import dev.atomicint.RemoteAtomicInt;
import dev.atomicint.python.AtomicIntPython;
import dev.atomicint.store.RedisServer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile values: numbers past the {@link IntOp#MAX_BIT_LENGTH} cap wherever a value enters an
 * AtomicInt, text of huge values, and a context busy with AtomicInt work at the cap cancelled by
 * {@code close(true)} (issue 15, item 1). Each test failed before the cap was enforced on every
 * value (commit bbda2f2 checked only the results of {@code *}, {@code **} and {@code <<}).
 */
class HostileValuesTest {

    /** The largest value: MAX_BIT_LENGTH bits. */
    private static final BigInteger TOP = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH).subtract(BigInteger.ONE);

    /** The smallest value: -2^MAX, whose bitLength is MAX_BIT_LENGTH. */
    private static final BigInteger BOTTOM = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH).negate();

    /** One bit past the cap. */
    private static final BigInteger PAST = BigInteger.ONE.shiftLeft(IntOp.MAX_BIT_LENGTH);

    /** Far past the cap (2^26 bits, 8 MiB): at bbda2f2, set() stored it and its text took minutes. */
    private static final BigInteger HUGE = BigInteger.ONE.shiftLeft(1 << 26);

    /** The longest message a refusal may have: a prefix of a number at most, never the number. */
    private static final int SHORT = 300;

    private static final BigInteger SEVEN = BigInteger.valueOf(7);

    // ---- the Java API: every way a value enters

    @Test
    void constructorRefusesAValuePastTheCap() {
        for (BigInteger v : List.of(PAST, PAST.negate().subtract(BigInteger.ONE), HUGE)) {
            assertRefused(() -> new AtomicInt(v));
        }
        assertEquals(TOP, new AtomicInt(TOP).getBigInteger());
        assertEquals(BOTTOM, new AtomicInt(BOTTOM).getBigInteger());
    }

    @Test
    void setAndGetAndSetRefuseAValuePastTheCapAndKeepTheValue() {
        AtomicInt n = new AtomicInt(7);
        assertRefused(() -> n.set(HUGE));
        assertRefused(() -> n.set(PAST.negate().subtract(BigInteger.ONE)));
        assertRefused(() -> n.getAndSet(PAST));
        assertEquals(7, n.get());
    }

    @Test
    void compareAndSetRefusesANewValuePastTheCapWhetherOrNotItMatches() {
        AtomicInt n = new AtomicInt(7);
        assertRefused(() -> n.compareAndSet(SEVEN, HUGE));
        assertRefused(() -> n.compareAndSet(BigInteger.ONE, HUGE));
        assertEquals(7, n.get());
    }

    @Test
    void updateAndAccumulateFunctionResultsPastTheCapAreRefused() {
        AtomicInt n = new AtomicInt(7);
        assertRefused(() -> n.updateAndGetBig(v -> HUGE));
        assertRefused(() -> n.getAndUpdateBig(v -> PAST));
        assertRefused(() -> n.accumulateAndGetBig(HUGE, (v, x) -> x));
        assertRefused(() -> n.getAndAccumulateBig(PAST, BigInteger::add));
        assertEquals(7, n.get());
    }

    @Test
    void operationsThatWouldGrowTheValuePastTheCapByOneBitAreRefused() {
        AtomicInt top = new AtomicInt(TOP);
        assertRefused(() -> top.add(1));
        assertRefused(() -> top.apply(IntOp.ADD, 1));
        assertRefused(() -> top.applyBig(IntOp.SUB, BigInteger.ONE.negate()));
        assertRefused(() -> top.addAndGet(TOP));
        assertRefused(() -> top.getAndAdd(BigInteger.ONE));
        assertEquals(TOP, top.getBigInteger());
        AtomicInt bottom = new AtomicInt(BOTTOM);
        assertRefused(() -> bottom.apply(IntOp.FLOORDIV, -1)); // -2^MAX // -1 = 2^MAX: MAX + 1 bits
        assertRefused(() -> bottom.add(-1));
        assertEquals(BOTTOM, bottom.getBigInteger());
    }

    // ---- the proxy face (sandboxed contexts): entry, text, messages

    @Test
    void proxyRefusesAValuePastTheCapInEveryMember() {
        try (Context context = Context.create()) {
            Value factory = context.asValue(AtomicIntProxy.factory());
            assertRefused(() -> factory.execute(HUGE));
            AtomicInt n = new AtomicInt(7);
            Value proxy = context.asValue(new AtomicIntProxy(n));
            assertRefused(() -> proxy.invokeMember("set", HUGE));
            assertRefused(() -> proxy.invokeMember("get_and_set", PAST));
            assertRefused(() -> proxy.invokeMember("compare_and_set", 7, HUGE));
            assertRefused(() -> proxy.invokeMember("add_and_get", HUGE));
            assertEquals(7, n.get());
        }
    }

    @Test
    void proxyRefusingABadArgumentNamesItsTypeNotItsText() {
        try (Context context = Context.newBuilder().allowHostAccess(HostAccess.ALL).build()) {
            Value proxy = context.asValue(new AtomicIntProxy(new AtomicInt(7)));
            Object hostile = List.of(BigInteger.ONE.shiftLeft(1 << 22)); // its toString: a 1.26-million-digit text
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> proxy.invokeMember("set", hostile)));
            assertTrue(e.getMessage().contains("must be an integer"), e.getMessage());
            assertTrue(e.getMessage().length() < SHORT, "message of " + e.getMessage().length() + " characters");
        }
    }

    @Test
    void proxyTextStopsAtPythonsDefaultDigitLimit() {
        try (Context context = Context.create()) {
            Value atCap = context.asValue(new AtomicIntProxy(new AtomicInt(TOP)));
            for (String member : List.of("__str__", "__repr__")) {
                PolyglotException e = assertThrows(PolyglotException.class,
                        () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> atCap.invokeMember(member)));
                assertTrue(e.getMessage().contains("Exceeds the limit (4300 digits"), e.getMessage());
            }
            BigInteger digits4300 = BigInteger.TEN.pow(4299).negate();
            Value within = context.asValue(new AtomicIntProxy(new AtomicInt(digits4300)));
            assertEquals(digits4300.toString(), within.invokeMember("__str__").asString());
            assertEquals("AtomicInt(" + digits4300 + ")", within.invokeMember("__repr__").asString());
            assertThrows(PolyglotException.class, () -> context.asValue(new AtomicIntProxy(new AtomicInt(
                    BigInteger.TEN.pow(4300)))).invokeMember("__str__"));
        }
    }

    @Test
    void proxyToStringIsShortWhateverTheValue() {
        String text = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new AtomicIntProxy(new AtomicInt(TOP)).toString());
        assertTrue(text.length() < SHORT && text.contains(IntOp.MAX_BIT_LENGTH + " bits"), text);
        assertEquals("AtomicInt(-42)", new AtomicIntProxy(new AtomicInt(-42)).toString());
    }

    @Test
    void aHugeShiftCountIsAbbreviatedInTheRefusal() {
        AtomicInt n = new AtomicInt(3);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> n.applyBig(IntOp.LSHIFT, HUGE)));
        assertTrue(e.getMessage().length() < SHORT, "message of " + e.getMessage().length() + " characters");
    }

    // ---- host mode: the exact toString() is no guest member

    /**
     * Java's toString() is exact, so at the cap it takes about a second (5 s cold) in code that
     * close(true) cannot interrupt; a guest gets text from str(n), bounded by its digit limit.
     */
    @Test
    void hostModeGuestCannotCallTheExactToString() {
        try (Context context = AtomicIntPython.newContext(Context.newBuilder("python"))) {
            context.getBindings("python").putMember("n", AtomicIntPython.toPython(context, new AtomicInt(TOP)));
            assertEquals("AttributeError", context.eval("python", """
                    try:
                        n.toString()
                        result = "called"
                    except Exception as e:
                        result = type(e).__name__
                    result
                    """).asString());
        }
        try (Context context = Context.newBuilder("python").allowHostAccess(HostAccess.EXPLICIT).build()) {
            context.getBindings("python").putMember("n", new AtomicInt(TOP)); // the annotations decide
            assertThrows(PolyglotException.class, () -> context.eval("python", "n.toString()"));
        }
    }

    // ---- RemoteAtomicInt: refused before the server is asked

    @Test
    void remoteAtomicIntRefusesAValuePastTheCap() throws Exception {
        try (RedisServer server = RedisServer.start(); AtomicIntStore store = AtomicIntStore.connect(server.url())) {
            RemoteAtomicInt n = store.atomicInt("hostile");
            n.set(7);
            assertRefused(() -> n.set(HUGE));
            assertRefused(() -> n.getAndSet(PAST));
            assertRefused(() -> n.compareAndSet(SEVEN, HUGE));
            assertRefused(() -> n.updateAndGetBig(v -> PAST));
            assertEquals(7, n.get());
        }
    }

    // ---- close(true) on a context busy with AtomicInt work at the cap

    /**
     * Two guest threads loop the slowest AtomicInt work there is on the largest value they can
     * store: they try 2^26 bits first (stored at bbda2f2, where close(true) then blocked for a
     * minute), then the cap; then divide it, take it modulo, multiply up to it, and ask for its
     * text. BigInteger arithmetic cannot be interrupted, so close(true) waits for the operation in
     * progress: the cap is what bounds it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"host", "sandboxed"})
    void closeCancellingAContextBusyWithAtomicIntWorkReturnsWithinOneSecond(String mode) throws InterruptedException {
        Function<Context.Builder, Context> setUp = mode.equals("host") ? AtomicIntPython::newContext : AtomicIntPython::newSandboxedContext;
        Context context = setUp.apply(Context.newBuilder("python").allowCreateThread(true));
        AtomicInt progress = new AtomicInt();
        try {
            context.eval("python", BUSY_AT_THE_CAP).execute(AtomicIntPython.toPython(context, progress));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (progress.get() < 2 * STEPS_PER_ROUND && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(progress.get() >= 2 * STEPS_PER_ROUND, "the guest threads made " + progress.get() + " steps");
            Thread.sleep(300); // mid-operation, most likely
        } catch (RuntimeException | Error e) {
            context.close(true);
            throw e;
        }
        long start = System.nanoTime();
        context.close(true);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("HOSTILE close(true) of a %s context busy at the cap: %d ms%n", mode, took.toMillis());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "close(true) took " + took.toMillis() + " ms");
    }

    private static final int STEPS_PER_ROUND = 6;

    private static final String BUSY_AT_THE_CAP = """
            import threading
            from atomicint import AtomicInt

            def start(progress):
                def work():
                    nonlocal progress
                    n = AtomicInt()
                    for bits in (2**26, %d):
                        try:
                            top = (1 << bits) - 1
                            n.set(top)
                            break
                        except OverflowError:
                            pass
                    d = (1 << (bits // 2)) - 12345
                    steps = (lambda: n.set(top), lambda: n.__ifloordiv__(d), lambda: n.set(top),
                             lambda: n.__imod__(d), lambda: n.set(d) or n.__imul__(d), lambda: str(n) + repr(n))
                    assert len(steps) == %d
                    while True:
                        for step in steps:
                            try:
                                step()
                            except (OverflowError, ValueError):
                                pass
                            progress += 1
                for _ in range(2):
                    threading.Thread(target=work, daemon=True).start()

            start
            """.formatted(IntOp.MAX_BIT_LENGTH, STEPS_PER_ROUND);

    private static void assertRefused(Executable call) {
        Throwable e = assertThrows(Throwable.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(5), call));
        String message = e.getMessage();
        assertTrue(e instanceof ArithmeticException || e instanceof PolyglotException p && p.isHostException()
                && p.asHostException() instanceof ArithmeticException, "not an ArithmeticException: " + e);
        assertTrue(message.contains("too large"), message);
        assertFalse(message.length() >= SHORT, "message of " + message.length() + " characters");
    }
}
