package com.example.counter;

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;

/**
 * An application with its own Python context policy (HostAccess.EXPLICIT and an exported service)
 * that adds atomicint to it: Python threads and Java threads increment one AtomicInt, and the total
 * comes out exact. Arguments: [python threads] [java threads] [increments per thread].
 */
public final class CounterApp {

    /** The application's own service: Python may call what is exported, nothing else. */
    public static final class Inventory {
        @HostAccess.Export
        public String label(long count) {
            return count + " items counted";
        }

        public void reset() {
            throw new IllegalStateException("not for Python");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int pythonThreads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int javaThreads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int perThread = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        AtomicInt counter = new AtomicInt();

        Context.Builder builder = Context.newBuilder("python")
                .allowHostAccess(HostAccess.EXPLICIT)   // the application's policy first,
                .allowCreateThread(true)
                .apply(AtomicIntPython::configure);     // then atomicint's, which adds to it
        try (Context python = AtomicIntPython.install(builder.build())) {
            python.getBindings("python").putMember("counter", counter);
            python.getBindings("python").putMember("inventory", new Inventory());

            List<Thread> java = new ArrayList<>();
            for (int t = 0; t < javaThreads; t++) {
                java.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        counter.incrementAndGet();
                    }
                }));
            }
            String label = python.eval("python", """
                    import threading

                    def work(n, times):
                        for _ in range(times):
                            n += 1          # one atomic Java update; n stays the same AtomicInt

                    threads = [threading.Thread(target=work, args=(counter, %d)) for _ in range(%d)]
                    for t in threads: t.start()
                    for t in threads: t.join()
                    try:
                        inventory.reset()
                        denied = "reset() reachable"
                    except AttributeError:
                        denied = "reset() denied"
                    inventory.label(counter.get()) + ", " + denied
                    """.formatted(perThread, pythonThreads)).asString();
            for (Thread thread : java) {
                thread.join();
            }

            BigInteger expected = BigInteger.valueOf((long) (pythonThreads + javaThreads) * perThread);
            BigInteger total = counter.getBigInteger();
            System.out.printf("python threads: %d, java threads: %d, increments each: %d%n", pythonThreads, javaThreads, perThread);
            System.out.printf("total: %s, expected: %s, %s%n", total, expected, total.equals(expected) ? "exact" : "WRONG");
            System.out.println("from Python: " + label);
            System.out.println("atomicint runs as module " + AtomicInt.class.getModule().getName()); // null on the class path
            if (!total.equals(expected)) {
                System.exit(1);
            }
        }
    }
}
