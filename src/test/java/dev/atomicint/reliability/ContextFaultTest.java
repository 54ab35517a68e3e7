package dev.atomicint.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import dev.atomicint.reliability.PythonContexts.Mode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults around shared AtomicInts: a context cancelled while its Python threads update one, Java
 * threads interrupted while they update one, and Python requests for results too large to hold.
 *
 * <p>What cancellation can promise, and what is proved here: every update is one atomic Java call
 * that runs to completion once begun (cancellation stops Python code, never the Java method), and
 * Python bumps its own ledger only after the update returned. So when a context is cancelled, each
 * of its threads has made exactly {@code ledger} or {@code ledger + 1} updates: the one in flight
 * may have landed before the cancellation struck (then its ledger increment did not run) or not,
 * but never half of it and never twice. Nothing stronger can hold, since which of the two happened
 * is decided by when the cancellation strikes; the test decodes each thread's own count from the
 * value (each thread adds its own weight 2^(32 i)) and checks it lies in that set.
 */
class ContextFaultTest {

    private static final int CANCELLED_THREADS = 4;
    /** One: in a sandboxed context, GraalPy can starve a thread's siblings for good (see docs/reliability.md). */
    private static final int SURVIVOR_THREADS = 1;
    private static final int JAVA_SLOT = CANCELLED_THREADS + SURVIVOR_THREADS;
    /** Updates every adder makes before the cancellation. */
    private static final long UNDER_WAY = 20;

    /** Updates the survivors make after the cancellation. */
    private static final long PROGRESS = 200;

    private static PythonContexts pythons;
    private static final Map<Mode, Cancellation> CANCELLATIONS = new EnumMap<>(Mode.class);

    @BeforeAll
    static void cancelOneContextOfEachMode() throws InterruptedException {
        pythons = new PythonContexts();
        for (Mode mode : Mode.values()) {
            CANCELLATIONS.put(mode, Cancellation.run(pythons, mode));
        }
    }

    @AfterAll
    static void closeContexts() {
        pythons.close();
    }

    // ---- a context cancelled with close(true) while its threads update a shared AtomicInt

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cancelledContextLeavesEachThreadsCompletedUpdatesAndAtMostTheOneInFlight(Mode mode) {
        Cancellation c = CANCELLATIONS.get(mode);
        for (int slot = 0; slot < CANCELLED_THREADS; slot++) {
            long ledger = c.ledgersAtClose[slot];
            long count = Slots.count(c.finalValue, slot, ledger);
            assertTrue(count == ledger || count == ledger + 1,
                    "thread " + slot + " of the cancelled context: " + count + " updates landed, its ledger says " + ledger);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cancelledContextMakesNoUpdateOnceCloseReturns(Mode mode) {
        Cancellation c = CANCELLATIONS.get(mode);
        for (int slot = 0; slot < CANCELLED_THREADS; slot++) {
            long ledger = c.ledgersAtClose[slot];
            assertEquals(Slots.count(c.valueAtClose, slot, ledger), Slots.count(c.finalValue, slot, ledger), "slot " + slot);
            assertEquals(ledger, c.ledgersAtEnd[slot], "ledger of thread " + slot);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void javaCallerOfTheCancelledContextGetsACancelledPolyglotException(Mode mode) {
        Throwable failure = CANCELLATIONS.get(mode).driverFailure;
        assertTrue(failure instanceof PolyglotException p && p.isCancelled(), "the driver ended with " + failure);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void otherContextAndJavaThreadSharingTheAtomicIntKeepUpdatingItExactly(Mode mode) {
        Cancellation c = CANCELLATIONS.get(mode);
        for (int slot = CANCELLED_THREADS; slot <= JAVA_SLOT; slot++) {
            long ledger = c.ledgersAtEnd[slot];
            assertTrue(ledger >= c.ledgersAtClose[slot] + PROGRESS, "slot " + slot + " stalled after the cancellation");
            assertEquals(ledger, Slots.count(c.finalValue, slot, ledger), "slot " + slot + ": exactly its ledger, in flight nothing");
        }
        assertEquals(List.of(), c.survivorFailures);
    }

    /** One cancellation: a victim context of {@code mode}, a survivor of the other mode, a Java adder. */
    private record Cancellation(long[] ledgersAtClose, long[] ledgersAtEnd, BigInteger valueAtClose, BigInteger finalValue,
            Throwable driverFailure, List<String> survivorFailures) {

        static Cancellation run(PythonContexts pythons, Mode mode) throws InterruptedException {
            AtomicInt n = new AtomicInt();
            AtomicInt never = new AtomicInt();
            AtomicInt stop = new AtomicInt();
            AtomicInt[] ledgers = Stream.generate(AtomicInt::new).limit(JAVA_SLOT + 1).toArray(AtomicInt[]::new);
            List<String> survivorFailures = new ArrayList<>();

            AtomicInt started = new AtomicInt();
            Context survivor = pythons.open(mode == Mode.HOST ? Mode.SANDBOXED : Mode.HOST);
            // the survivors pace themselves, to leave the cores to the victim's threads
            Thread survivorDriver = adders(survivor, n, ledgers, CANCELLED_THREADS, SURVIVOR_THREADS, stop, started, 0.001,
                    failure -> survivorFailures.add("survivor: " + failure));
            Thread javaAdder = Thread.ofPlatform().name("java-adder").start(() -> {
                BigInteger weight = Slots.weight(JAVA_SLOT);
                while (stop.get() == 0) {
                    n.addAndGet(weight);
                    ledgers[JAVA_SLOT].incrementAndGet();
                    LockSupport.parkNanos(1_000_000);
                }
            });
            Context victim = pythons.open(mode);
            AtomicReference<Throwable> driverFailure = new AtomicReference<>();
            // the victim's threads hand the GIL round after each update (sleep(0)): left alone, GraalPy
            // may let one of them run for long while the others wait (docs/reliability.md)
            Thread victimDriver = adders(victim, n, ledgers, 0, CANCELLED_THREADS, never, started, 0.0, driverFailure::set);

            awaitTrue(() -> started.get() == CANCELLED_THREADS + SURVIVOR_THREADS
                            && IntStream.rangeClosed(0, JAVA_SLOT).allMatch(i -> ledgers[i].get() >= UNDER_WAY),
                    () -> "every adder under way; ledgers " + Stream.of(ledgers).map(AtomicInt::toString).toList()
                            + ", victim: " + driverFailure.get() + ", survivor: " + survivorFailures);
            Thread.sleep(500); // mid-run
            victim.close(true);
            BigInteger valueAtClose = n.getBigInteger();
            long[] ledgersAtClose = ledgers(ledgers);
            victimDriver.join(Duration.ofSeconds(30));

            awaitTrue(() -> IntStream.rangeClosed(CANCELLED_THREADS, JAVA_SLOT).allMatch(i -> ledgers[i].get() >= ledgersAtClose[i] + PROGRESS),
                    () -> "the survivors' progress after the cancellation; ledgers " + Stream.of(ledgers).map(AtomicInt::toString).toList()
                            + ", survivor: " + survivorFailures);
            stop.set(1);
            survivorDriver.join(Duration.ofSeconds(60));
            javaAdder.join(Duration.ofSeconds(60));
            if (survivorDriver.isAlive() || javaAdder.isAlive()) {
                survivorFailures.add("a survivor did not stop");
            }
            Cancellation c = new Cancellation(ledgersAtClose, ledgers(ledgers), valueAtClose, n.getBigInteger(), driverFailure.get(), survivorFailures);
            System.out.println("cancelled a " + mode.label() + " context: per slot, ledger at close / updates landed: " + c.describe());
            return c;
        }

        private String describe() {
            StringBuilder s = new StringBuilder();
            for (int slot = 0; slot <= JAVA_SLOT; slot++) {
                long ledger = ledgersAtEnd[slot];
                s.append(slot == 0 ? "" : ", ").append(slot < CANCELLED_THREADS ? ledgersAtClose[slot] : ledger).append('/')
                        .append(Slots.count(finalValue, slot, ledger));
            }
            return s.toString();
        }

        private static long[] ledgers(AtomicInt[] ledgers) {
            return Stream.of(ledgers).mapToLong(AtomicInt::get).toArray();
        }
    }

    /** A thread that runs fault_worker.run_adders in {@code context} for ledgers {@code first ..}; reports how it ended if not normally. */
    private static Thread adders(Context context, AtomicInt n, AtomicInt[] ledgers, int first, int count, AtomicInt stop,
            AtomicInt started, Double pause, Consumer<Throwable> failure) {
        Value functions = PythonContexts.run(context, "fault_worker.py");
        Value list = context.eval("python", "lambda *xs: list(xs)");
        Value dones = list.execute(IntStream.range(first, first + count).mapToObj(i -> AtomicIntPython.toPython(context, ledgers[i])).toArray());
        Value shared = AtomicIntPython.toPython(context, n);
        Value stopFlag = AtomicIntPython.toPython(context, stop);
        Value startedCount = AtomicIntPython.toPython(context, started);
        return Thread.ofPlatform().name("adders-" + first).start(() -> {
            try {
                functions.getArrayElement(1).execute(shared, dones, first, stopFlag, startedCount, pause);
            } catch (Throwable t) {
                failure.accept(t);
            }
        });
    }

    // ---- interrupted Java threads

    @Test
    void interruptedJavaThreadsLeaveExactlyTheUpdatesTheyCompleted() throws InterruptedException {
        AtomicInt n = new AtomicInt(Long.MAX_VALUE - 1000); // a long at first; the slots ride above it
        AtomicInt stop = new AtomicInt();
        long[] ledgers = new long[4];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < ledgers.length; i++) {
            int slot = i;
            threads.add(Thread.ofPlatform().name("interrupted-" + i).start(() -> {
                BigInteger weight = Slots.weight(slot + 2); // clear of the initial value's bits
                long done = 0;
                while (stop.get() == 0) {
                    switch ((int) (done % 4)) {
                        case 0 -> n.addAndGet(weight);
                        case 1 -> n.getAndAdd(weight);
                        case 2 -> n.updateAndGetBig(v -> v.add(weight));
                        default -> n.accumulateAndGetBig(weight, BigInteger::add);
                    }
                    done++;
                }
                ledgers[slot] = done; // published by the thread's end (join)
            }));
        }
        interruptEveryMillisecondForASecond(threads);
        stop.set(1);
        for (Thread thread : threads) {
            thread.join();
        }
        BigInteger expected = BigInteger.valueOf(Long.MAX_VALUE - 1000);
        for (int i = 0; i < ledgers.length; i++) {
            assertTrue(ledgers[i] > 0, "thread " + i + " made no update");
            expected = expected.add(Slots.weight(i + 2).multiply(BigInteger.valueOf(ledgers[i])));
        }
        assertEquals(expected, n.getBigInteger());
    }

    @Test
    void updatesOnAnInterruptedThreadCompleteAndKeepItsInterruptStatus() {
        AtomicInt n = new AtomicInt(Long.MAX_VALUE);
        Thread.currentThread().interrupt();
        try {
            n.incrementAndGet(); // refused: 2^63 is not a long; nothing changes
        } catch (ArithmeticException expected) {
            // the long-typed form refuses; the BigInteger forms below go on
        }
        n.addAndGet(BigInteger.ONE);
        n.updateAndGetBig(v -> v.shiftLeft(70));
        n.compareAndSet(n.getBigInteger(), BigInteger.TEN);
        n.getAndSet(-5);
        n.add(6);
        boolean stillInterrupted = Thread.interrupted(); // clears it again for the next test
        assertAll(
                () -> assertTrue(stillInterrupted, "an update cleared the interrupt status"),
                () -> assertEquals(1, n.get()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void interruptingJavaThreadsThatRunPythonUpdatesLosesAndDoublesNothing(Mode mode) throws InterruptedException {
        Context context = pythons.open(mode);
        Value addUntil = PythonContexts.run(context, "fault_worker.py").getArrayElement(0);
        AtomicInt n = new AtomicInt();
        AtomicInt stop = new AtomicInt();
        AtomicInt[] ledgers = Stream.generate(AtomicInt::new).limit(3).toArray(AtomicInt[]::new);
        String[] outcomes = new String[ledgers.length];
        Value shared = AtomicIntPython.toPython(context, n);
        Value stopFlag = AtomicIntPython.toPython(context, stop);
        Value[] pythonLedgers = Stream.of(ledgers).map(l -> AtomicIntPython.toPython(context, l)).toArray(Value[]::new);
        // from here on this thread stays out of the context: a caller may keep the GIL to itself (docs/reliability.md)
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < ledgers.length; i++) {
            int slot = i;
            threads.add(Thread.ofPlatform().name("python-caller-" + i).start(() -> {
                try {
                    outcomes[slot] = addUntil.execute(shared, slot, pythonLedgers[slot], stopFlag, slot % 4).asString();
                } catch (PolyglotException e) {
                    outcomes[slot] = "ended by " + e;
                }
            }));
        }
        // under way: some caller updates (GraalPy's GIL may keep the others waiting for long)
        awaitTrue(() -> Stream.of(ledgers).anyMatch(l -> l.get() > 0),
                () -> "a caller under way; ledgers " + List.of(ledgers) + ", outcomes " + List.of(outcomes));
        interruptEveryMillisecondForASecond(threads);
        stop.set(1);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }
        BigInteger value = n.getBigInteger();
        for (int i = 0; i < ledgers.length; i++) {
            long ledger = ledgers[i].get();
            long count = Slots.count(value, i, ledger);
            // a caller that stopped by itself did so between updates; one that an interrupt ended may have had one in flight
            boolean exact = "stopped".equals(outcomes[i]);
            assertTrue(exact ? count == ledger : count == ledger || count == ledger + 1,
                    "caller " + i + " (" + outcomes[i] + "): " + count + " updates landed, its ledger says " + ledger);
        }
    }

    // ---- requests for results too large to hold

    static Stream<Arguments> oversizedRequests() {
        List<String> statements = List.of(
                "n <<= 10**12",                     // 10^12 bits: 125 GB
                "n <<= 2**64",                      // a shift count beyond any long
                "n <<= 2**20",                      // just past the cap of 2^20 bits
                "n **= 10**12",
                "n **= 2**20",                      // |n| >= 3: at least 1.58 * 2^20 bits
                "n.update_and_get(lambda v: v << 10**12)"); // the update function's own int overflow
        List<Arguments> cases = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            for (BigInteger initial : List.of(BigInteger.valueOf(3), BigInteger.TWO.pow(70).add(BigInteger.ONE).negate())) {
                statements.forEach(s -> cases.add(Arguments.of(mode, initial, s)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: n = {1}; {2}")
    @MethodSource("oversizedRequests")
    void oversizedRequestFailsFastWithOverflowErrorAndLeavesTheValueUnchanged(Mode mode, BigInteger initial, String statement) {
        AtomicInt n = new AtomicInt(initial);
        Context context = oversizeContext(mode);
        Value attempt = attempt(context);
        Value shared = AtomicIntPython.toPython(context, n);
        long began = System.nanoTime();
        Value outcome = attempt.execute(shared, statement);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        String error = outcome.getArrayElement(0).asString();
        assertAll(
                () -> assertTrue(error.startsWith("OverflowError"), "raised " + error),
                () -> assertTrue(statement.contains("lambda") || error.contains("too large") && error.contains("unchanged"),
                        "the message should say why: " + error),
                () -> assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "took " + took),
                () -> assertEquals(initial, n.getBigInteger(), "the value changed"),
                () -> assertTrue(outcome.getArrayElement(2).asBoolean(), "n was rebound to another object"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void atomicIntTakesUpdatesAgainRightAfterARefusedOversizedRequest(Mode mode) {
        AtomicInt n = new AtomicInt(3);
        Context context = oversizeContext(mode);
        Value outcome = attempt(context).execute(AtomicIntPython.toPython(context, n), "n <<= 10**12\n");
        Value next = attempt(context).execute(AtomicIntPython.toPython(context, n), "n <<= 62\nn += 1");
        assertAll(
                () -> assertTrue(outcome.getArrayElement(0).asString().startsWith("OverflowError")),
                () -> assertEquals("no error", next.getArrayElement(0).asString()),
                () -> assertEquals(BigInteger.valueOf(3).shiftLeft(62).add(BigInteger.ONE), n.getBigInteger()));
    }

    private static final Map<Mode, Context> OVERSIZE_CONTEXTS = new EnumMap<>(Mode.class);
    private static final Map<Mode, Value> ATTEMPTS = new EnumMap<>(Mode.class);

    /**
     * A context of {@code mode} for the oversize requests, shared by those tests; it has run an
     * update through fault_worker.attempt once, so the time measured is the request's, not the
     * first use of exec and of the package in a new context.
     */
    private static synchronized Context oversizeContext(Mode mode) {
        return OVERSIZE_CONTEXTS.computeIfAbsent(mode, m -> {
            Context context = pythons.open(m);
            PythonContexts.run(context, "fault_worker.py").getArrayElement(2).execute(AtomicIntPython.toPython(context, new AtomicInt(1)), "n += 1");
            return context;
        });
    }

    /** fault_worker.attempt in that context. */
    private static synchronized Value attempt(Context context) {
        Mode mode = OVERSIZE_CONTEXTS.entrySet().stream().filter(e -> e.getValue() == context).findFirst().orElseThrow().getKey();
        return ATTEMPTS.computeIfAbsent(mode, m -> PythonContexts.run(context, "fault_worker.py").getArrayElement(2));
    }

    // ---- helpers

    private static void interruptEveryMillisecondForASecond(List<Thread> threads) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < until) {
            threads.forEach(Thread::interrupt);
            Thread.sleep(1);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(5);
        }
    }
}
