import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One AtomicInt, many writers: several GraalPy contexts, each running Python threads, and plain
 * Java threads all add to the same counter at once. The total must come out exact.
 *
 * <pre>bin/atomicint-java demos/java/SharedCounterDemo.java [CONTEXTS] [PY_THREADS_PER_CONTEXT] [JAVA_THREADS] [ITERATIONS]</pre>
 */
public final class SharedCounterDemo {

    private static final String PYTHON_WORKERS = """
            import threading

            def run(counter, threads, iterations, ready):
                def work():
                    nonlocal counter
                    for _ in range(iterations):
                        counter += 1
                workers = [threading.Thread(target=work) for _ in range(threads)]
                ready()
                for w in workers:
                    w.start()
                for w in workers:
                    w.join()

            run
            """;

    public static void main(String[] args) throws Exception {
        int contexts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int pyThreads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int javaThreads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;

        AtomicInt counter = new AtomicInt();
        // Shared: Python code compiles once for all contexts, which wins in a run this short (on
        // 2026-12-07, defaults: 15 s against 19-23 s with an engine per context). Past tens of
        // seconds an engine per context runs += about 2x faster (docs/embedding.md, "Sharing an Engine").
        Engine engine = Engine.newBuilder("python").build();
        CountDownLatch ready = new CountDownLatch(contexts);
        List<Thread> drivers = new ArrayList<>();
        for (int c = 0; c < contexts; c++) {
            drivers.add(Thread.ofPlatform().name("context-" + c).unstarted(() -> {
                try (Context context = AtomicIntPython.newContext(Context.newBuilder("python").engine(engine).allowCreateThread(true))) {
                    Value run = context.eval("python", PYTHON_WORKERS);
                    run.execute(counter, pyThreads, iterations, (ProxyExecutable) arguments -> {
                        ready.countDown();
                        return null;
                    });
                }
            }));
        }
        for (int j = 0; j < javaThreads; j++) {
            drivers.add(Thread.ofPlatform().name("java-" + j).unstarted(() -> {
                awaitQuietly(ready);
                for (int i = 0; i < iterations; i++) {
                    counter.incrementAndGet();
                }
            }));
        }
        drivers.forEach(Thread::start);
        ready.await(); // every context is up: from here on all writers run at once
        long start = System.nanoTime();
        for (Thread driver : drivers) {
            driver.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long expected = (long) (contexts * pyThreads + javaThreads) * iterations;
        System.out.printf("%d contexts x %d Python threads + %d Java threads, %d increments each%n",
                contexts, pyThreads, javaThreads, iterations);
        System.out.printf("expected %d, got %s: %s%n", expected, counter, counter.get() == expected ? "exact" : "LOST UPDATES");
        System.out.printf("%.2f s after the contexts started (JIT warm-up included), %.0f increments/s%n", seconds, expected / seconds);
        engine.close();
        System.exit(counter.get() == expected ? 0 : 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
