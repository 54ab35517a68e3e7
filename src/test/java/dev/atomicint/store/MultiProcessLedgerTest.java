package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three worker JVMs ({@link LedgerWorker}), each with 4 Python threads and 2 Java threads, update
 * one key across ±2^63 both ways, on each engine (a redis-server, a 3-server ZooKeeper ensemble). The final value is the start plus every worker's ledger,
 * and the recorded history is linearizable for its reads: each read lies between what had surely
 * landed before it began and what could have landed before it ended.
 */
@Timeout(300)
class MultiProcessLedgerTest {

    private static final int PROCESSES = 3;
    private static final int PYTHON_THREADS = 4;
    private static final int JAVA_THREADS = 2;
    private static final int PAIRS = 40;
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    /** One operation of the history: an add of {@code amount} or a read that answered {@code amount}. */
    record Op(boolean read, BigInteger amount, long invoked, long responded) {
        static Op parse(String line) {
            String[] f = line.split(" ");
            return new Op(f[0].equals("R"), new BigInteger(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreServer.Kind.class)
    void theFinalValueIsTheStartPlusEveryLedgerAndEveryReadIsLinearizable(StoreServer.Kind kind) throws Exception {
        BigInteger start = BigInteger.valueOf(1_000_003);
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ledger-");
        try (StoreServer server = kind.start(); AtomicIntStore store = AtomicIntStore.connect(server.url())) {
            store.atomicInt("ledger").set(start);
            List<Process> workers = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                workers.add(new ProcessBuilder(workerCommand(server.url(), p, dir.resolve("history-" + p)))
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("worker-" + p + ".log").toFile())
                        .start());
            }
            for (int p = 0; p < PROCESSES; p++) {
                assertTrue(workers.get(p).waitFor(240, TimeUnit.SECONDS), "worker " + p + " timed out");
                assertEquals(0, workers.get(p).exitValue(), "worker " + p + " failed; see " + dir.resolve("worker-" + p + ".log"));
            }
            List<Op> history = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                Files.readAllLines(dir.resolve("history-" + p)).forEach(line -> history.add(Op.parse(line)));
            }
            List<Op> adds = history.stream().filter(op -> !op.read()).toList();
            List<Op> reads = history.stream().filter(Op::read).toList();
            int threads = PROCESSES * (PYTHON_THREADS + JAVA_THREADS);
            assertEquals(threads * PAIRS * 3, adds.size(), "every update was acknowledged and recorded");
            assertEquals(threads * PAIRS, reads.size());

            BigInteger ledgers = adds.stream().map(Op::amount).reduce(BigInteger.ZERO, BigInteger::add);
            assertEquals(start.add(ledgers), store.atomicInt("ledger").getBigInteger(), "final value = start + all ledgers");

            assertTrue(reads.stream().anyMatch(r -> r.amount().compareTo(TWO_63) >= 0), "a read above 2^63");
            assertTrue(reads.stream().anyMatch(r -> r.amount().compareTo(TWO_63.negate()) < 0), "a read below -2^63");
            for (Op read : reads) {
                checkLinearizable(start, read, adds);
            }
        }
    }

    /**
     * The value a read returns must be start + (adds that surely landed: responded before the read
     * was invoked) + some of the adds that may have landed (invoked before the read responded):
     * so it lies within those sums plus the negative, resp. positive, of the latter.
     */
    private static void checkLinearizable(BigInteger start, Op read, List<Op> adds) {
        BigInteger low = start;
        BigInteger high = start;
        for (Op add : adds) {
            if (add.responded() < read.invoked()) {
                low = low.add(add.amount());
                high = high.add(add.amount());
            } else if (add.invoked() < read.responded()) {
                if (add.amount().signum() < 0) {
                    low = low.add(add.amount());
                } else {
                    high = high.add(add.amount());
                }
            }
        }
        BigInteger v = read.amount();
        assertTrue(v.compareTo(low) >= 0 && v.compareTo(high) <= 0,
                "read " + v + " outside [" + low + ", " + high + "] at " + read.invoked() + ".." + read.responded());
    }

    private static List<String> workerCommand(String url, int index, Path history) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp") && !a.startsWith("-javaagent"))
                .toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LedgerWorker.class.getName(),
                url, "ledger", Integer.toString(PYTHON_THREADS), Integer.toString(JAVA_THREADS),
                Integer.toString(PAIRS), Integer.toString(index + 1), history.toString()));
        return command;
    }
}
