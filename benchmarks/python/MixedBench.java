import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The mixed part of the GraalPy benchmark suite: one AtomicInt shared by Python threads in one or
 * more GraalPy contexts and by Java threads, all started together; increments per second after
 * warm-up, side by side in one process. {@code bench.py} runs it and puts its lines in its report.
 *
 * <pre>bin/atomicint-java benchmarks/python/MixedBench.java [ROUNDS] [WARMUP] [INCREMENTS_PER_THREAD]</pre>
 *
 * Prints one tab-separated line per set-up: name, median, min and max increments/s.
 */
public final class MixedBench {

    /** Every writer waits at the shared barrier, then adds 1 to the counter {@code iterations} times. */
    private static final String PYTHON_WRITERS = """
            import threading

            def run(counter, threads, iterations, arrive):
                def work():
                    nonlocal counter
                    arrive()
                    for _ in range(iterations):
                        counter += 1
                workers = [threading.Thread(target=work) for _ in range(threads)]
                for w in workers:
                    w.start()
                for w in workers:
                    w.join()

            run
            """;

    /**
     * One way of sharing the counter: {@code contexts} contexts with {@code pythonThreads} each, plus
     * Java threads; the contexts are host-mode ones, or sandboxed ones (no host access, proxy face).
     */
    private record SetUp(String name, int contexts, int pythonThreads, int javaThreads, boolean sandboxed) {
        SetUp(String name, int contexts, int pythonThreads, int javaThreads) {
            this(name, contexts, pythonThreads, javaThreads, false);
        }

        int writers() {
            return contexts * pythonThreads + javaThreads;
        }
    }

    private static final List<SetUp> SET_UPS = List.of(
            new SetUp("2 Java threads (no Python)", 0, 0, 2),
            new SetUp("1 context x 4 Python threads", 1, 4, 0),
            new SetUp("1 context x 4 Python threads + 2 Java threads", 1, 4, 2),
            new SetUp("2 contexts x 2 Python threads", 2, 2, 0),
            new SetUp("2 contexts x 2 Python threads + 2 Java threads", 2, 2, 2),
            new SetUp("4 contexts x 1 Python thread", 4, 1, 0),
            new SetUp("1 context x 1 Python thread", 1, 1, 0),
            new SetUp("1 sandboxed context x 1 Python thread", 1, 1, 0, true),
            new SetUp("1 sandboxed context x 4 Python threads", 1, 4, 0, true));

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 250_000;
        int maxContexts = SET_UPS.stream().mapToInt(SetUp::contexts).max().orElse(0);

        // An engine's contexts share one host-access policy: host-mode and sandboxed contexts need one each.
        try (Engine hostEngine = newEngine(); Engine sandboxEngine = newEngine()) {
            List<Value> hostRuns = new ArrayList<>();
            List<Value> sandboxRuns = new ArrayList<>();
            List<Context> contexts = new ArrayList<>();
            for (int c = 0; c < maxContexts; c++) {
                contexts.add(AtomicIntPython.newContext(Context.newBuilder("python").engine(hostEngine).allowCreateThread(true)));
                contexts.add(AtomicIntPython.newSandboxedContext(Context.newBuilder("python").engine(sandboxEngine).allowCreateThread(true)));
            }
            for (Context context : contexts) {
                Value run = context.eval("python", PYTHON_WRITERS);
                (context.getEngine() == hostEngine ? hostRuns : sandboxRuns).add(run);
            }
            double[][] rates = new double[SET_UPS.size()][rounds];
            for (int round = 0; round < warmup + rounds; round++) {
                for (int s = 0; s < SET_UPS.size(); s++) { // interleaved: every set-up sees the same machine state
                    SetUp setUp = SET_UPS.get(s);
                    double rate = measure(setUp, setUp.sandboxed() ? sandboxRuns : hostRuns, iterations);
                    if (round >= warmup) {
                        rates[s][round - warmup] = rate;
                    }
                }
            }
            for (int s = 0; s < SET_UPS.size(); s++) {
                double[] sorted = rates[s].clone();
                Arrays.sort(sorted);
                System.out.printf("%s\t%.0f\t%.0f\t%.0f%n", SET_UPS.get(s).name(), median(sorted), sorted[0], sorted[sorted.length - 1]);
            }
            contexts.forEach(Context::close);
        }
    }

    /** Increments per second of one run of {@code setUp}, timed from the moment every writer is ready. */
    private static double measure(SetUp setUp, List<Value> runs, int iterations) throws InterruptedException {
        AtomicInt counter = new AtomicInt();
        long[] began = new long[1];
        CyclicBarrier start = new CyclicBarrier(setUp.writers(), () -> began[0] = System.nanoTime());
        ProxyExecutable arrive = arguments -> {
            await(start);
            return null;
        };
        List<Thread> drivers = new ArrayList<>();
        for (int c = 0; c < setUp.contexts(); c++) {
            Value run = runs.get(c);
            Value shared = AtomicIntPython.toPython(run.getContext(), counter); // the host object, or a wrapped proxy
            drivers.add(Thread.ofPlatform().start(() -> run.execute(shared, setUp.pythonThreads(), iterations, arrive)));
        }
        for (int j = 0; j < setUp.javaThreads(); j++) {
            drivers.add(Thread.ofPlatform().start(() -> {
                await(start);
                for (int i = 0; i < iterations; i++) {
                    counter.incrementAndGet();
                }
            }));
        }
        for (Thread driver : drivers) {
            driver.join();
        }
        double seconds = (System.nanoTime() - began[0]) / 1e9;
        long expected = (long) setUp.writers() * iterations;
        if (counter.get() != expected) {
            throw new AssertionError(setUp.name() + ": expected " + expected + ", got " + counter);
        }
        return expected / seconds;
    }

    private static Engine newEngine() {
        return Engine.newBuilder("python").option("engine.WarnInterpreterOnly", "false").build();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException("a writer could not start", e);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
