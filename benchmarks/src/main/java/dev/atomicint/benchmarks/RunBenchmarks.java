package dev.atomicint.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CounterBenchmark} with 1 and 2 threads, keeps JMH's JSON for each, and writes a
 * Markdown table of throughputs with the ratio of AtomicInt to each of the others.
 * Usage: {@code RunBenchmarks [results-directory]}.
 */
public final class RunBenchmarks {
    private static final int[] THREADS = {1, 2};
    private static final List<String> IMPLEMENTATIONS = List.of("AtomicInt", "AtomicLong", "LongAdder", "AtomicLongExact", "AtomicReferenceBigInteger");

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "results");
        Files.createDirectories(dir);
        // operation -> threads -> implementation -> result
        Map<String, Map<Integer, Map<String, RunResult>>> table = new TreeMap<>();
        for (int threads : THREADS) {
            Options options = new OptionsBuilder()
                    .include(CounterBenchmark.class.getName())
                    .threads(threads)
                    .forks(2)
                    .warmupIterations(4)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(1))
                    .resultFormat(ResultFormatType.JSON)
                    .result(dir.resolve("java-jmh-" + threads + "-thread" + (threads == 1 ? "" : "s") + ".json").toString())
                    .build();
            for (RunResult r : new Runner(options).run()) {
                String method = r.getParams().getBenchmark().substring(CounterBenchmark.class.getName().length() + 1);
                String[] parts = method.split("_", 2); // operation_Implementation
                table.computeIfAbsent(parts[0], k -> new TreeMap<>())
                        .computeIfAbsent(threads, k -> new TreeMap<>())
                        .put(parts[1], r);
            }
        }
        Path markdown = dir.resolve("java-jmh.md");
        Files.writeString(markdown, markdown(table));
        System.out.println(Files.readString(markdown));
    }

    private static String markdown(Map<String, Map<Integer, Map<String, RunResult>>> table) {
        StringBuilder md = new StringBuilder();
        md.append("# AtomicInt vs AtomicLong, LongAdder and the overflow-safe peers (JMH)\n\n")
                .append("Throughput in operations per microsecond (higher is better), mean ± 99.9% error over 2 forks × 5 one-second iterations, ")
                .append("one counter shared by all threads. LongAdder: `increment()`/`add()` followed by `sum()`, to return the value like the others. ")
                .append("AtomicLongExact: `AtomicLong.updateAndGet(Math::incrementExact)` / `accumulateAndGet(delta, Math::addExact)`. ")
                .append("AtomicReferenceBigInteger: `AtomicReference<BigInteger>` with `updateAndGet`/`accumulateAndGet`.\n\n")
                .append("JVM: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append("; ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs; ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(".\n\n")
                .append("| operation | threads | ").append(String.join(" | ", IMPLEMENTATIONS));
        List<String> peers = IMPLEMENTATIONS.subList(1, IMPLEMENTATIONS.size());
        peers.forEach(peer -> md.append(" | AtomicInt / ").append(peer));
        md.append(" |\n|---|---:").append("|---:".repeat(IMPLEMENTATIONS.size() + peers.size())).append("|\n");
        table.forEach((operation, byThreads) -> byThreads.forEach((threads, byImpl) -> {
            md.append("| `").append(operation).append("` | ").append(threads);
            for (String impl : IMPLEMENTATIONS) {
                RunResult r = byImpl.get(impl);
                md.append(" | ").append(String.format("%.1f ± %.1f", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
            }
            double atomicInt = byImpl.get("AtomicInt").getPrimaryResult().getScore();
            for (String peer : peers) {
                md.append(String.format(" | %.2f", atomicInt / byImpl.get(peer).getPrimaryResult().getScore()));
            }
            md.append(" |\n");
        }));
        return md.toString();
    }
}
