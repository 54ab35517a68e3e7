package dev.atomicint.store;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import dev.atomicint.python.AtomicIntPython;
import dev.atomicint.python.StoreAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One worker process of {@link MultiProcessLedgerTest}: Python threads (in a GraalPy context) and
 * Java threads update one key in pairs of opposite big deltas (so the value keeps crossing ±2^63),
 * with small deltas and reads between them. Each thread keeps a ledger (the sum of its acknowledged
 * deltas) and a history: one line per operation, {@code A delta invoked responded} or {@code R value
 * invoked responded}, times from System.nanoTime (CLOCK_MONOTONIC, comparable across processes).
 *
 * <p>Arguments: store URL, key, Python threads, Java threads, pairs per thread, seed, history file.
 */
public final class LedgerWorker {

    static final BigInteger[] BIG_DELTAS = {
        BigInteger.ONE.shiftLeft(62).add(BigInteger.valueOf(7)),
        BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(3)),
        BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(11)),
        BigInteger.valueOf(Long.MAX_VALUE),
    };

    private static final String PYTHON_WORKER = """
            import random, threading, atomicint

            def run(url, key, threads, pairs, seed, deltas, nano_time):
                store = atomicint.connect(url)
                n = store.atomic_int(key)
                deltas = [int(d) for d in deltas]
                lines = []
                def work(index):
                    rng = random.Random(seed * 1000 + index)
                    mine = []
                    def add(delta):
                        t0 = nano_time()
                        n.__iadd__(delta) if rng.random() < 0.5 else n.add_and_get(delta)
                        mine.append(f"A {delta} {t0} {nano_time()}")
                    for i in range(pairs):
                        big = rng.choice(deltas) * (1 if index % 2 == 0 else -1)
                        add(big)
                        t0 = nano_time()
                        value = n.get()
                        mine.append(f"R {value} {t0} {nano_time()}")
                        add(rng.randint(-5, 5))
                        add(-big)
                    lines.extend(mine)
                workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
                for w in workers: w.start()
                for w in workers: w.join()
                store.close()
                return lines
            run
            """;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String key = args[1];
        int pythonThreads = Integer.parseInt(args[2]);
        int javaThreads = Integer.parseInt(args[3]);
        int pairs = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        Path history = Path.of(args[6]);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (AtomicIntStore store = AtomicIntStore.connect(url)) {
            RemoteAtomicInt n = store.atomicInt(key);
            List<Thread> javaWorkers = new ArrayList<>();
            for (int t = 0; t < javaThreads; t++) {
                SplittableRandom random = new SplittableRandom(seed * 1000 + 500 + t);
                int sign = t % 2 == 0 ? 1 : -1;
                javaWorkers.add(Thread.ofPlatform().start(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < pairs; i++) {
                        BigInteger big = BIG_DELTAS[random.nextInt(BIG_DELTAS.length)].multiply(BigInteger.valueOf(sign));
                        add(n, big, mine);
                        long t0 = System.nanoTime();
                        BigInteger value = n.getBigInteger();
                        mine.add("R " + value + " " + t0 + " " + System.nanoTime());
                        add(n, BigInteger.valueOf(random.nextInt(11) - 5), mine);
                        add(n, big.negate(), mine);
                    }
                    lines.addAll(mine);
                }));
            }
            try (Context context = AtomicIntPython.newContext(Context.newBuilder("python").allowCreateThread(true),
                    StoreAccess.newBuilder().allowStore(url).build())) {
                Value run = context.eval("python", PYTHON_WORKER);
                ProxyExecutable nanoTime = arguments -> System.nanoTime();
                Value pythonLines = run.execute(url, key, pythonThreads, pairs, seed,
                        ProxyArray.fromArray(java.util.Arrays.stream(BIG_DELTAS).map(BigInteger::toString).toArray()), nanoTime);
                for (long i = 0; i < pythonLines.getArraySize(); i++) {
                    lines.add(pythonLines.getArrayElement(i).asString());
                }
            }
            for (Thread worker : javaWorkers) {
                worker.join();
            }
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(history))) {
            lines.forEach(out::println);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(RemoteAtomicInt n, BigInteger delta, List<String> history) {
        long t0 = System.nanoTime();
        if (delta.bitLength() < Long.SIZE) {
            n.add(delta.longValue());
        } else {
            n.addBig(delta);
        }
        history.add("A " + delta + " " + t0 + " " + System.nanoTime());
    }
}
