package dev.atomicint.reliability;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outcome of a soak: the counters' final values, every worker's report and any error of the
 * run itself; and the invariants, which predict each final value from the workers' ledgers alone.
 */
record SoakResult(SoakConfig config, Duration ran, Duration wallTime, BigInteger sum, BigInteger exchange,
        BigInteger bits, BigInteger product, BigInteger residue, List<WorkerReport> reports, List<String> errors) {

    static final List<String> COUNTERS = List.of("sum", "exchange", "bits", "product", "residue");

    /** Op kinds that are attempts, not completed operations: a lost compare-and-set race, a long-typed call that refused. */
    private static boolean isAttempt(String kind) {
        return kind.endsWith(" failed") || kind.endsWith(" refused");
    }

    // ---- the invariants

    /** Initial value plus every delta every worker applied. */
    BigInteger expectedSum() {
        return SoakLayout.SUM_INITIAL.add(total("sum.ledger"));
    }

    /** Initial + written = returned + final, as sums: each value went in once and came out once. */
    BigInteger exchangeInMinusOut() {
        return SoakLayout.EXCHANGE_INITIAL.add(total("exchange.written.sum")).subtract(total("exchange.returned.sum")).subtract(exchange);
    }

    /** The same balance for the squares; with the sums it pins a lost or doubled value down (values are unique). */
    BigInteger exchangeSquaresInMinusOut() {
        return SoakLayout.EXCHANGE_INITIAL.pow(2).add(total("exchange.written.squares"))
                .subtract(total("exchange.returned.squares")).subtract(exchange.pow(2));
    }

    /** Each worker's own bits, which no other worker touches; together they are every bit. */
    BigInteger expectedBits() {
        return total("bits.own");
    }

    /** Initial value times every worker's outstanding factor. */
    BigInteger expectedProduct() {
        return reports.stream().map(r -> r.get("product.factor")).reduce(SoakLayout.PRODUCT_INITIAL, BigInteger::multiply);
    }

    /** Final minus initial minus every delta added: a multiple of M, as reductions keep the residue. */
    BigInteger residueDrift() {
        return residue.subtract(SoakLayout.RESIDUE_INITIAL).subtract(total("residue.ledger")).mod(SoakLayout.RESIDUE_MODULUS);
    }

    /** One line per final value that is not what the ledgers predict. */
    List<String> brokenInvariants() {
        List<String> broken = new ArrayList<>();
        if (!sum.equals(expectedSum())) {
            broken.add("sum counter: " + sum + ", ledgers say " + expectedSum());
        }
        if (exchangeInMinusOut().signum() != 0 || exchangeSquaresInMinusOut().signum() != 0) {
            broken.add("exchange counter: written minus returned is " + exchangeInMinusOut() + " (squares "
                    + exchangeSquaresInMinusOut() + ")");
        }
        if (!bits.equals(expectedBits())) {
            broken.add("bits counter: " + bits.toString(16) + ", owners say " + expectedBits().toString(16));
        }
        if (!product.equals(expectedProduct())) {
            broken.add("product counter: " + product + ", factors say " + expectedProduct());
        }
        if (residueDrift().signum() != 0) {
            broken.add("residue counter: " + residue + " is off by " + residueDrift() + " modulo " + SoakLayout.RESIDUE_MODULUS);
        }
        return broken;
    }

    /** What the workers saw go wrong while running (their own bits or factors disturbed, exceptions). */
    List<String> runningViolations() {
        return reports.stream().flatMap(r -> r.violations().stream()).toList();
    }

    /** Every violation: broken invariants, violations seen while running, worker and run errors. */
    long violations() {
        return brokenInvariants().size() + total("violations").longValueExact() + total("errors").longValueExact() + errors.size();
    }

    // ---- the figures

    BigInteger total(String key) {
        return total(reports, key);
    }

    static BigInteger total(List<WorkerReport> reports, String key) {
        return reports.stream().map(r -> r.get(key)).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** kind -> source (host, sandboxed, java) -> count. */
    Map<String, Map<String, Long>> opsByKind() {
        Map<String, Map<String, Long>> ops = new TreeMap<>();
        for (WorkerReport r : reports) {
            r.values().forEach((key, n) -> {
                if (key.startsWith("ops.")) {
                    ops.computeIfAbsent(key.substring(4), k -> new TreeMap<>()).merge(r.source(), n.longValueExact(), Long::sum);
                }
            });
        }
        return ops;
    }

    /** Completed operations (attempts that lost a race or were refused are not counted). */
    long ops() {
        return opsFrom(Stream.of("host", "sandboxed", "java"));
    }

    long opsFrom(String source) {
        return opsFrom(Stream.of(source));
    }

    private long opsFrom(Stream<String> sources) {
        List<String> wanted = sources.toList();
        return opsByKind().entrySet().stream()
                .filter(e -> !isAttempt(e.getKey()))
                .flatMap(e -> e.getValue().entrySet().stream())
                .filter(e -> wanted.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Completed operations of one worker. */
    static long ops(WorkerReport report) {
        return report.values().entrySet().stream()
                .filter(e -> e.getKey().startsWith("ops.") && !isAttempt(e.getKey().substring(4)))
                .mapToLong(e -> e.getValue().longValueExact())
                .sum();
    }

    /** The fewest and most operations one worker of {@code source} completed. */
    String opsPerWorker(String source) {
        var stats = reports.stream().filter(r -> r.source().equals(source)).mapToLong(SoakResult::ops).summaryStatistics();
        return stats.getCount() == 0 ? "-" : String.format("%,d..%,d", stats.getMin(), stats.getMax());
    }

    long crossings(String direction, String counter) {
        return total("crossings." + direction + "." + counter).longValueExact();
    }

    /** One line with the run's figures, for logs and docs. */
    String summaryLine() {
        double seconds = ran.toMillis() / 1000.0;
        String crossings = COUNTERS.stream()
                .map(c -> c + " " + crossings("up", c) + "/" + crossings("down", c))
                .collect(Collectors.joining(", "));
        return String.format(
                "SOAK %.1f s (%.1f s wall) | %d contexts (%d host, %d sandboxed) x %d Python threads + %d Java threads = %d workers"
                        + " | ops %,d (host %,d, sandboxed %,d, java %,d; %,.0f/s; per worker: host %s, sandboxed %s, java %s)"
                        + " | violations %d"
                        + " | long-range crossings up/down: %s | Java pause %d us | seed %d",
                seconds, wallTime.toMillis() / 1000.0, config.contexts(), (config.contexts() + 1) / 2, config.contexts() / 2,
                config.pythonThreads(), config.javaThreads(), config.workers(),
                ops(), opsFrom("host"), opsFrom("sandboxed"), opsFrom("java"), ops() / seconds,
                opsPerWorker("host"), opsPerWorker("sandboxed"), opsPerWorker("java"), violations(), crossings,
                config.javaPause().toNanos() / 1000, config.seed());
    }

    /** The ops per kind and source, one kind a line. */
    String opsTable() {
        StringBuilder table = new StringBuilder(String.format("%-32s %14s %14s %14s%n", "op kind", "host", "sandboxed", "java"));
        opsByKind().forEach((kind, bySource) -> table.append(String.format("%-32s %,14d %,14d %,14d%n", kind,
                bySource.getOrDefault("host", 0L), bySource.getOrDefault("sandboxed", 0L), bySource.getOrDefault("java", 0L))));
        return table.toString();
    }
}
