package dev.atomicint.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The soak: GraalPy contexts (host-mode and sandboxed, alternately) with Python threads, and Java
 * threads, update five shared AtomicInts at once with every in-place operator and atomic method,
 * across the long/BigInteger boundary both ways, for a set time. Each counter's final value must
 * be exactly what the workers' own ledgers predict (soak_worker.py explains each invariant).
 *
 * <p>{@code mvn test} runs a reduced soak (12 s, 2 contexts x 2 Python threads + 2 Java threads).
 * The full one: {@code mvn test -Dtest=SoakTest -Dsoak.seconds=600 -Dsoak.contexts=3
 * -Dsoak.pythonThreads=4 -Dsoak.javaThreads=4} (also {@code -Dsoak.seed=N}). It prints a summary
 * line starting with {@code SOAK} and the ops per kind, and writes both to
 * {@code target/soak-report.txt}.
 */
class SoakTest {

    private static final List<String> PYTHON_KINDS = List.of(
            "+=", "-=", "*=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=",
            "compare_and_set loop", "update_and_get", "get_and_update", "get_and_set",
            "get_and_add", "add_and_get", "increment_and_get", "get_and_decrement");

    private static final List<String> JAVA_KINDS = List.of(
            "add(long)", "addBig(BigInteger)", "addAndGet(long)", "addAndGet(BigInteger)", "getAndAdd(long)",
            "getAndAdd(BigInteger)", "updateAndGet(long)", "updateAndGetBig", "getAndUpdateBig",
            "accumulateAndGetBig", "getAndAccumulateBig", "getAndSet(long)", "getAndSet(BigInteger)",
            "compareAndSet(long) loop", "compareAndSet(BigInteger) loop",
            "apply(ADD, long)", "applyBig(ADD)", "apply(SUB, long)", "applyBig(SUB)", "apply(MUL, long)",
            "apply(FLOORDIV, long)", "applyBig(MOD)", "apply(POW, long)", "apply(LSHIFT, long)",
            "apply(RSHIFT, long)", "apply(AND, long)", "applyBig(AND)", "apply(OR, long)", "applyBig(OR)",
            "apply(XOR, long)", "applyBig(XOR)");

    private static SoakResult soak;

    @BeforeAll
    static void runSoak() throws InterruptedException, IOException {
        soak = Soak.run(SoakConfig.fromSystemProperties());
        String report = soak.summaryLine() + "\n" + soak.opsTable()
                + String.join("\n", Stream.concat(soak.brokenInvariants().stream(),
                        Stream.concat(soak.runningViolations().stream(), soak.errors().stream())).toList());
        System.out.println(report);
        Path file = Path.of(System.getProperty("soak.report", "target/soak-report.txt"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report + "\n");
    }

    @Test
    void sumCounterEndsAtItsInitialValuePlusEveryDeltaEveryWorkerApplied() {
        assertEquals(soak.expectedSum(), soak.sum());
    }

    @Test
    void exchangeCounterGivesBackEveryValueWrittenToItExactlyOnce() {
        assertAll(
                () -> assertEquals(BigInteger.ZERO, soak.exchangeInMinusOut(), "initial + written - returned - final"),
                () -> assertEquals(BigInteger.ZERO, soak.exchangeSquaresInMinusOut(), "the same for the squares"));
    }

    @Test
    void bitsCounterEndsWithExactlyTheBitsEachWorkerLeftInItsOwnPositions() {
        assertEquals(soak.expectedBits().toString(16), soak.bits().toString(16));
    }

    @Test
    void productCounterEndsAtItsInitialValueTimesEveryWorkersOutstandingFactor() {
        assertEquals(soak.expectedProduct(), soak.product());
    }

    @Test
    void residueCounterEndsCongruentToItsInitialValuePlusEveryDeltaModuloM() {
        assertEquals(BigInteger.ZERO, soak.residueDrift());
    }

    @Test
    void noWorkerEverSawItsOwnBitsOrFactorsDisturbed() {
        assertEquals(List.of(), soak.runningViolations());
        assertEquals(BigInteger.ZERO, soak.total("violations"));
    }

    @Test
    void everyWorkerRanToTheEndWithoutAnErrorAndReported() {
        assertAll(
                () -> assertEquals(List.of(), soak.errors()),
                () -> assertEquals(BigInteger.ZERO, soak.total("errors")),
                () -> assertEquals(soak.config().workers(), soak.reports().size(), "worker reports"));
    }

    @Test
    void everyInPlaceOperatorAndAtomicMethodRanInEveryModeOfPythonContext() {
        Map<String, Map<String, Long>> ops = soak.opsByKind();
        List<String> modes = soak.config().contexts() == 1 ? List.of("host") : List.of("host", "sandboxed");
        for (String mode : soak.config().contexts() == 0 ? List.<String>of() : modes) {
            for (String kind : PYTHON_KINDS) {
                assertTrue(ops.getOrDefault(kind, Map.of()).getOrDefault(mode, 0L) > 0, kind + " never ran in a " + mode + " context");
            }
        }
    }

    @Test
    void everyJavaFormOfTheUpdatesRanOnJavaThreads() {
        Map<String, Map<String, Long>> ops = soak.opsByKind();
        for (String kind : soak.config().javaThreads() == 0 ? List.<String>of() : JAVA_KINDS) {
            assertTrue(ops.getOrDefault(kind, Map.of()).getOrDefault("java", 0L) > 0, kind + " never ran on a Java thread");
        }
    }

    @Test
    void everyCounterCrossedTheLongRangeInBothDirections() {
        for (String counter : SoakResult.COUNTERS) {
            assertTrue(soak.crossings("up", counter) > 0, counter + " never went from a long to beyond one");
            assertTrue(soak.crossings("down", counter) > 0, counter + " never came back into the long range");
        }
    }

    @Test
    void sumInvariantCatchesTheUpdatesANonAtomicGetThenSetLoses() throws InterruptedException {
        SoakResult racy = Soak.run(new SoakConfig(Duration.ofSeconds(3), 0, 1, 4, Duration.ZERO, 1, true));
        assertTrue(racy.brokenInvariants().stream().anyMatch(b -> b.startsWith("sum counter")),
                "four threads adding by get-then-set for 3 s, yet the sum came out exact: " + racy.summaryLine());
        assertEquals(1, racy.brokenInvariants().size(), "only the sum was updated racily: " + racy.brokenInvariants());
    }

    @Test
    void soakStoppedByItselfSoonAfterItsDuration() {
        Duration requested = soak.config().duration();
        assertTrue(soak.ran().compareTo(requested) >= 0, "ran " + soak.ran() + " of " + requested);
        assertTrue(soak.ran().compareTo(requested.plusSeconds(30)) < 0, "took " + soak.ran() + " to stop after " + requested);
    }
}
